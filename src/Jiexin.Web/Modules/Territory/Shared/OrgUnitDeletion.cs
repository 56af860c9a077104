using Jiexin.Data;
using Jiexin.Modules.Territory.Directory;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Territory.Shared;

/// <summary>What deleting a community, grid or department came to.</summary>
public abstract record DeleteResult
{
    public sealed record Deleted : DeleteResult;

    public sealed record NotFound : DeleteResult;

    public sealed record Conflict(string Message) : DeleteResult;
}

/// <summary>
/// Deleting an org unit, the same for every kind: the version the user saw must still hold, no account may be bound
/// to it, nothing may still reference it (the database's foreign keys say so), and the directory reloads afterwards.
/// The kinds differ only in their noun, their own precondition and what typically still references them.
/// </summary>
public sealed class OrgUnitDeletion(JiexinDbContext db, TerritoryDirectory directory)
{
    public sealed record Rules<T>(
        OrgUnitKind Kind,
        string Noun,
        Func<T, string> NameOf,
        string AccountsHint = "",
        string ReferencedBy = "",
        Func<T, CancellationToken, Task<string?>>? Precondition = null);

    public async Task<DeleteResult> DeleteAsync<T>(Guid id, int? version, Rules<T> rules, CancellationToken ct)
        where T : class, IHasVersion
    {
        var unit = await db.Set<T>().FindAsync([id], ct);
        if (unit is null)
        {
            return new DeleteResult.NotFound();
        }

        var changed = $"该{rules.Noun}已被他人修改，请刷新后再决定是否删除。";
        if (version is { } seen && seen != unit.Version)
        {
            return new DeleteResult.Conflict(changed);
        }

        if (rules.Precondition is { } precondition && await precondition(unit, ct) is { } refused)
        {
            return new DeleteResult.Conflict(refused);
        }

        var name = rules.NameOf(unit);
        var accounts = await db.Users.CountAsync(u => u.OrgUnitKind == rules.Kind && u.OrgUnitId == id, ct);
        if (accounts > 0)
        {
            return new DeleteResult.Conflict($"有 {accounts} 个账号{rules.AccountsHint}属于「{name}」，不能删除。请先在账号管理中调整这些账号的所属单位。");
        }

        db.Remove(unit);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new DeleteResult.Conflict(changed);
        }
        catch (DbUpdateException)
        {
            return new DeleteResult.Conflict($"「{name}」仍被其他数据{rules.ReferencedBy}引用，不能删除。");
        }

        await directory.ReloadAsync(ct);
        return new DeleteResult.Deleted();
    }
}

public static class DeleteResultHttp
{
    public static Results<NoContent, ProblemHttpResult> ToHttp(this DeleteResult result, string notFound) => result switch
    {
        DeleteResult.Deleted => TypedResults.NoContent(),
        DeleteResult.Conflict c => Problems.Conflict(c.Message),
        _ => Problems.NotFound(notFound),
    };
}
