using Jiexin.Data;
using Jiexin.Modules.Accounts.Domain;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Modules.Accounts.CreateAccount;

/// <summary><c>POST /api/v1/admin/accounts</c>: a new account with one role, bound to a unit that fits the role.</summary>
public static class CreateAccount
{
    public sealed record Command(
        string? UserName, string? DisplayName, string? Role, OrgUnitKind? OrgUnitKind, Guid? OrgUnitId, string? Password);

    public sealed class Handler(
        JiexinDbContext db, UserManager<JiexinUser> users, IOrgDirectory directory, GetAccount.GetAccount.Handler get, TimeProvider clock)
    {
        public async Task<Outcome<AccountDto>> Handle(Command cmd, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(cmd.UserName))
            {
                return Failure.Invalid("userName", T("请填写用户名。", "Enter the user name."));
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

            if (string.IsNullOrEmpty(cmd.Password))
            {
                return Failure.Invalid("password", T("请设置初始密码。", "Set an initial password."));
            }

            var user = new JiexinUser
            {
                UserName = cmd.UserName.Trim(),
                DisplayName = cmd.DisplayName!.Trim(),
                OrgUnitKind = cmd.OrgUnitKind,
                OrgUnitId = cmd.OrgUnitId,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };

            // Every problem with the user name and the password at once, rather than one per attempt.
            var problems = new List<IdentityError>();
            foreach (var validator in users.UserValidators)
            {
                problems.AddRange((await validator.ValidateAsync(users, user)).Errors);
            }

            foreach (var validator in users.PasswordValidators)
            {
                problems.AddRange((await validator.ValidateAsync(users, user, cmd.Password)).Errors);
            }

            if (problems.Count > 0)
            {
                return Failure.FromIdentity(IdentityResult.Failed([.. problems]));
            }

            // The account and its role in one transaction: never an account without a role.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var created = await users.CreateAsync(user, cmd.Password);
            if (!created.Succeeded)
            {
                return Failure.FromIdentity(created);
            }

            var added = await users.AddToRoleAsync(user, cmd.Role!);
            if (!added.Succeeded)
            {
                return Failure.FromIdentity(added);
            }

            await transaction.CommitAsync(ct);
            return await get.Handle(user.Id, ct);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder accounts) =>
        accounts.MapPost("", async Task<Results<Created<AccountDto>, ValidationProblem, ProblemHttpResult>> (
                Command cmd, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(cmd, ct);
                return outcome.Failure switch
                {
                    null => TypedResults.Created($"/api/v1/admin/accounts/{outcome.Value!.Id}", outcome.Value),
                    { Kind: FailureKind.Validation } failure => failure.ToValidationProblem(),
                    var failure => failure.ToProblem(),
                };
            })
            .WithName("Accounts.CreateAccount");
}
