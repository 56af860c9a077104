using Jiexin.Data;
using Jiexin.Platform.Audit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Jiexin.Modules.Accounts.Login;

/// <summary><c>POST /account/logout</c> (form with antiforgery token, as the console's header posts it): sign out, back to the login page.</summary>
public static class Logout
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder app) =>
        app.MapPost("/account/logout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<JiexinUser> signIn, IAuditTrail audit, CancellationToken ct) =>
            {
                // A cross-site form must not be able to sign people out.
                if (!await antiforgery.IsRequestValidAsync(http))
                {
                    return Results.BadRequest();
                }

                if (http.User.Identity?.IsAuthenticated == true)
                {
                    await audit.RecordAsync(new AuditRecord(AuditActions.LoggedOut), ct);
                }

                await signIn.SignOutAsync();
                return Results.LocalRedirect("/account/login");
            })
            .AllowAnonymous()
            .DisableAntiforgery() // validated above, with a plain 400 instead of an exception
            .ExcludeFromDescription()
            .WithName("Accounts.Logout");
}
