using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Accounts.Domain;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Modules.Accounts.ChangeAccountStatus;

/// <summary>
/// <c>POST /api/v1/admin/accounts/{id}/disable | enable | unlock</c>. Disabling ends the account's sessions and
/// refresh tokens (new security stamp); unlocking lifts a lockout after failed logins.
/// </summary>
public static class ChangeAccountStatus
{
    public enum Change
    {
        Disable,
        Enable,
        Unlock,
    }

    public sealed record Command(Guid Id, Change Change);

    public sealed class Handler(UserManager<JiexinUser> users, GetAccount.GetAccount.Handler get)
    {
        public async Task<Outcome<AccountDto>> Handle(Command cmd, ClaimsPrincipal actor, CancellationToken ct)
        {
            var user = await users.FindByIdAsync(cmd.Id.ToString());
            if (user is null)
            {
                return GetAccount.GetAccount.NotFound();
            }

            IdentityResult result;
            switch (cmd.Change)
            {
                case Change.Disable when actor.GetUserId() == user.Id:
                    return Failure.Invalid("id", T("不能停用自己的账号。", "You cannot disable your own account."));
                case Change.Disable:
                    user.IsDisabled = true;
                    // One update: the flag and a new security stamp (which ends cookie sessions and refresh tokens).
                    result = await users.UpdateSecurityStampAsync(user);
                    break;
                case Change.Enable:
                    user.IsDisabled = false;
                    result = await users.UpdateAsync(user);
                    break;
                default:
                    result = await users.SetLockoutEndDateAsync(user, null);
                    if (result.Succeeded)
                    {
                        result = await users.ResetAccessFailedCountAsync(user);
                    }

                    break;
            }

            return result.Succeeded ? await get.Handle(user.Id, ct) : Failure.FromIdentity(result);
        }
    }

    public static void Map(RouteGroupBuilder accounts)
    {
        Map(accounts, "disable", Change.Disable, "Accounts.DisableAccount");
        Map(accounts, "enable", Change.Enable, "Accounts.EnableAccount");
        Map(accounts, "unlock", Change.Unlock, "Accounts.UnlockAccount");
    }

    private static void Map(RouteGroupBuilder accounts, string verb, Change change, string name) =>
        accounts.MapPost($"/{{id:guid}}/{verb}", async Task<Results<Ok<AccountDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                (await handler.Handle(new Command(id, change), user, ct)).ToOk())
            .WithName(name);
}
