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
                    return Results.Content(InvalidRequestPage, "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
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

    // Typically a page open so long that its form token expired: say so and offer the way back.
    private const string InvalidRequestPage = """
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>请刷新页面 - 解新事</title><style>body{font-family:system-ui,"WenQuanYi Micro Hei",sans-serif;margin:15vh auto;max-width:32rem;text-align:center;color:#333}a{color:#1677ff}</style></head>
        <body><h1>退出未完成</h1><p>页面已过期，请刷新页面后再点“退出”。</p><p><a href="/">返回首页</a></p></body></html>
        """;
}
