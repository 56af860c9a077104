using Jiexin.Data;
using Jiexin.Platform.Audit;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Identity;

namespace Jiexin.Modules.Accounts.Login;

/// <summary>
/// The one password check behind the login page (cookie) and the API (bearer token): Identity's sign-in with
/// lockout, one answer for every failure, and an audit entry either way.
/// </summary>
public static class PasswordLogin
{
    public sealed record Command(string? UserName, string? Password, string Scheme, bool Persistent = false);

    /// <summary>Only <see cref="Succeeded"/> and, for the caller's redirect, where this account's work starts.</summary>
    /// <param name="Home">Residents: their H5 pages (<c>/m</c>); grid workers, who work on a phone in the street: "my grid"
    /// (<c>/m/grid</c>); other staff: the console (<c>/</c>).</param>
    public sealed record Result(bool Succeeded, string Home = "/");

    public sealed class Handler(SignInManager<JiexinUser> signIn, IAuditTrail audit)
    {
        // A hash to verify against when the user does not exist, so that the answer takes as long as for a real account.
        private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<JiexinUser>().HashPassword(new JiexinUser(), "no-such-account"));

        public async Task<Result> Handle(Command cmd, CancellationToken ct)
        {
            var userName = cmd.UserName?.Trim() ?? "";
            var user = userName.Length == 0 ? null : await signIn.UserManager.FindByNameAsync(userName);
            if (user is null || string.IsNullOrEmpty(cmd.Password))
            {
                if (user is null && !string.IsNullOrEmpty(cmd.Password))
                {
                    signIn.UserManager.PasswordHasher.VerifyHashedPassword(new JiexinUser(), DummyHash.Value, cmd.Password);
                }

                await RecordFailure(cmd, user, userName, user is null ? "unknown-user" : "empty-password", ct);
                return new Result(false);
            }

            signIn.AuthenticationScheme = cmd.Scheme;
            var result = await signIn.PasswordSignInAsync(user, cmd.Password, cmd.Persistent, lockoutOnFailure: true);
            if (!result.Succeeded)
            {
                var reason = result.IsLockedOut ? "locked-out" : result.IsNotAllowed ? "not-allowed" : "wrong-password";
                await RecordFailure(cmd, user, userName, reason, ct);
                return new Result(false);
            }

            await audit.RecordAsync(new AuditRecord(AuditActions.LoginSucceeded)
            {
                EntityType = nameof(JiexinUser),
                EntityId = user.Id.ToString(),
                UserId = user.Id,
                UserName = user.UserName,
                Details = new Dictionary<string, object?> { ["Channel"] = Channel(cmd.Scheme) },
            }, ct);
            var roles = await signIn.UserManager.GetRolesAsync(user);
            return new Result(true, HomeFor(roles));
        }

        internal static string HomeFor(IList<string> roles) =>
            roles.Contains(Roles.Resident) ? "/m"
            : roles.Count > 0 && roles.All(r => r == Roles.GridWorker) ? "/m/grid"
            : "/";

        // The reason is for the administrator reading the log; the person at the login form only ever hears "wrong user name or password".
        private Task RecordFailure(Command cmd, JiexinUser? user, string attemptedName, string reason, CancellationToken ct) =>
            audit.RecordAsync(new AuditRecord(AuditActions.LoginFailed)
            {
                EntityType = user is null ? null : nameof(JiexinUser),
                EntityId = user?.Id.ToString(),
                UserId = user?.Id,
                UserName = user?.UserName ?? AuditActor.AnonymousName,
                Details = new Dictionary<string, object?> { ["UserName"] = Truncate(attemptedName), ["Reason"] = reason, ["Channel"] = Channel(cmd.Scheme) },
            }, ct);

        private static string Channel(string scheme) => scheme == IdentityConstants.BearerScheme ? "api" : "web";

        private static string Truncate(string value) => value.Length > 64 ? value[..64] : value;
    }
}
