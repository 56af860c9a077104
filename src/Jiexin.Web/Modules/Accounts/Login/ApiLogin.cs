using System.ComponentModel.DataAnnotations;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Jiexin.Modules.Accounts.Login;

/// <summary><c>POST /api/v1/auth/login</c>: user name and password → a bearer token (Identity's bearer token handler).</summary>
public static class ApiLogin
{
    public sealed record Request([property: Required] string? UserName, [property: Required] string? Password);

    public static RouteHandlerBuilder Map(RouteGroupBuilder auth) =>
        auth.MapPost("/login", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (Request body, PasswordLogin.Handler login, CancellationToken ct) =>
            {
                var result = await login.Handle(new PasswordLogin.Command(body.UserName, body.Password, IdentityConstants.BearerScheme), ct);
                // The bearer handler has written the token response on success.
                return result.Succeeded ? TypedResults.Empty : Failed();
            })
            .AllowAnonymous()
            .RequireAnonymousRateLimit()
            .WithName("Accounts.ApiLogin");

    /// <summary>One generic message: never say whether the user name or the password was wrong, or that the account is locked.</summary>
    internal static ProblemHttpResult Failed() =>
        TypedResults.Problem(detail: "用户名或密码错误。", statusCode: StatusCodes.Status401Unauthorized, title: Problems.TitleFor(401));
}
