using Jiexin.Data;
using Jiexin.Modules.Accounts.Domain;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Modules.Accounts.GetAccount;

/// <summary><c>GET /api/v1/admin/accounts/{id}</c>: one account, with the concurrency stamp an edit must send back.</summary>
public static class GetAccount
{
    public sealed class Handler(JiexinDbContext db, IOrgDirectory directory, TimeProvider clock)
    {
        public async Task<Outcome<AccountDto>> Handle(Guid id, CancellationToken ct)
        {
            var row = await db.WithRole().SingleOrDefaultAsync(r => r.User.Id == id, ct);
            return row is null ? NotFound() : row.User.ToDto(row.Role, directory, clock.GetUtcNow());
        }
    }

    internal static Failure NotFound() => Failure.NotFound(T("账号不存在。", "No such account."));

    public static RouteHandlerBuilder Map(RouteGroupBuilder accounts) =>
        accounts.MapGet("/{id:guid}", async Task<Results<Ok<AccountDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Handler handler, CancellationToken ct) => (await handler.Handle(id, ct)).ToOk())
            .WithName("Accounts.GetAccount");
}
