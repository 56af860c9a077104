using Jiexin.Data;
using Jiexin.Modules.Accounts.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Modules.Accounts.ResetPassword;

/// <summary>
/// <c>POST /api/v1/admin/accounts/{id}/password</c>: the admin sets a new password (Identity's password rules apply);
/// the account's sessions and refresh tokens end.
/// </summary>
public static class ResetPassword
{
    public sealed record Request(string? NewPassword);

    public sealed record Command(Guid Id, string? NewPassword);

    public sealed class Handler(UserManager<JiexinUser> users, GetAccount.GetAccount.Handler get)
    {
        public async Task<Outcome<AccountDto>> Handle(Command cmd, CancellationToken ct)
        {
            var user = await users.FindByIdAsync(cmd.Id.ToString());
            if (user is null)
            {
                return GetAccount.GetAccount.NotFound();
            }

            if (string.IsNullOrEmpty(cmd.NewPassword))
            {
                return Failure.Invalid("newPassword", T("请填写新密码。", "Enter the new password."));
            }

            // The reset-token route validates the password, stores the hash and renews the security stamp in one update.
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var result = await users.ResetPasswordAsync(user, token, cmd.NewPassword);
            if (!result.Succeeded)
            {
                var failure = Failure.FromIdentity(result);
                // The API calls this field newPassword.
                return failure.Errors is { } errors && errors.TryGetValue("password", out var messages)
                    ? failure with { Errors = new Dictionary<string, string[]> { ["newPassword"] = messages } }
                    : failure;
            }

            return await get.Handle(user.Id, ct);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder accounts) =>
        accounts.MapPost("/{id:guid}/password", async Task<Results<Ok<AccountDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Request body, Handler handler, CancellationToken ct) =>
                (await handler.Handle(new Command(id, body.NewPassword), ct)).ToOk())
            .WithName("Accounts.ResetPassword");
}
