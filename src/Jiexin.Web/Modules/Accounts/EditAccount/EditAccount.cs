using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Accounts.Domain;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Modules.Accounts.EditAccount;

/// <summary>
/// <c>PUT /api/v1/admin/accounts/{id}</c>: display name, role and org unit. The concurrency stamp read with the
/// account must come back: if someone saved in between, 409.
/// </summary>
public static class EditAccount
{
    public sealed record Request(string? DisplayName, string? Role, OrgUnitKind? OrgUnitKind, Guid? OrgUnitId, string? ConcurrencyStamp);

    public sealed record Command(Guid Id, string? DisplayName, string? Role, OrgUnitKind? OrgUnitKind, Guid? OrgUnitId, string? ConcurrencyStamp);

    public sealed class Handler(
        JiexinDbContext db, UserManager<JiexinUser> users, IOrgDirectory directory, GetAccount.GetAccount.Handler get)
    {
        public async Task<Outcome<AccountDto>> Handle(Command cmd, ClaimsPrincipal actor, CancellationToken ct)
        {
            var user = await users.FindByIdAsync(cmd.Id.ToString());
            if (user is null)
            {
                return GetAccount.GetAccount.NotFound();
            }

            if (string.IsNullOrEmpty(cmd.ConcurrencyStamp))
            {
                return Failure.Invalid("concurrencyStamp", T("缺少版本标记（concurrencyStamp），请先读取账号。", "Send the concurrencyStamp read with the account."));
            }

            if (AccountRules.CheckDisplayName(cmd.DisplayName) is { } badName)
            {
                return badName;
            }

            if (AccountRules.CheckRole(cmd.Role) is { } badRole)
            {
                return badRole;
            }

            if (AccountRules.CheckUnit(cmd.Role!, cmd.OrgUnitKind, cmd.OrgUnitId, directory) is { } badUnit)
            {
                return badUnit;
            }

            var currentRoles = await users.GetRolesAsync(user);
            var roleChanged = !(currentRoles.Count == 1 && currentRoles[0] == cmd.Role);
            if (roleChanged && actor.GetUserId() == user.Id)
            {
                return Failure.Invalid("role", T("不能修改自己的角色。", "You cannot change your own role."));
            }

            if (user.ConcurrencyStamp != cmd.ConcurrencyStamp)
            {
                return Stale();
            }

            var unitChanged = user.OrgUnitKind != cmd.OrgUnitKind || user.OrgUnitId != cmd.OrgUnitId;
            user.DisplayName = cmd.DisplayName!.Trim();
            user.OrgUnitKind = cmd.OrgUnitKind;
            user.OrgUnitId = cmd.OrgUnitId;

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // The stamp was compared above; the store's UPDATE checks it again against a save since our read.
            // (No db.Entry(user) before this: Identity's store re-attaches the user, which would make EF forget the
            // old values that the audit log records.)
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded)
            {
                return Failure.FromIdentity(updated);
            }

            if (roleChanged)
            {
                var removed = await users.RemoveFromRolesAsync(user, currentRoles);
                var added = removed.Succeeded ? await users.AddToRoleAsync(user, cmd.Role!) : removed;
                if (!added.Succeeded)
                {
                    return Failure.FromIdentity(added);
                }
            }

            if (roleChanged || unitChanged)
            {
                // Sessions carry role and unit as claims: a new stamp makes them sign in again and pick up the change.
                await users.UpdateSecurityStampAsync(user);
            }

            await transaction.CommitAsync(ct);
            return await get.Handle(user.Id, ct);
        }
    }

    internal static Failure Stale() =>
        Failure.Conflict(T("该账号已被他人修改，请刷新后重试。", "The account was changed by someone else; reload and try again."));

    public static RouteHandlerBuilder Map(RouteGroupBuilder accounts) =>
        accounts.MapPut("/{id:guid}", async Task<Results<Ok<AccountDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                (await handler.Handle(new Command(id, body.DisplayName, body.Role, body.OrgUnitKind, body.OrgUnitId, body.ConcurrencyStamp), user, ct)).ToOk())
            .WithName("Accounts.EditAccount");
}
