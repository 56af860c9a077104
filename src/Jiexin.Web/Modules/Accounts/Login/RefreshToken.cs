using Jiexin.Data;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.Accounts.Login;

/// <summary>
/// <c>POST /api/v1/auth/refresh</c>: a refresh token from the login → a new token pair, as Identity's own
/// <c>MapIdentityApi</c> does it. Refused once the account is disabled or its security stamp has changed
/// (password reset, role or unit changed).
/// </summary>
public static class RefreshToken
{
    public sealed record Request(string? RefreshToken);

    public static RouteHandlerBuilder Map(RouteGroupBuilder auth) =>
        auth.MapPost("/refresh", async Task<Results<SignInHttpResult, ProblemHttpResult>> (
                Request body, SignInManager<JiexinUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock) =>
            {
                var protector = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
                var ticket = string.IsNullOrEmpty(body.RefreshToken) ? null : protector.Unprotect(body.RefreshToken);
                if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
                    || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user
                    || !await signIn.CanSignInAsync(user))
                {
                    return TypedResults.Problem(
                        detail: "登录已失效，请重新登录。", statusCode: StatusCodes.Status401Unauthorized, title: Problems.TitleFor(401));
                }

                var principal = await signIn.CreateUserPrincipalAsync(user);
                return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
            })
            .AllowAnonymous()
            .WithName("Accounts.RefreshToken");
}
