using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Diagnostics;

namespace Jiexin.Platform.Http;

/// <summary>
/// Errors as RFC 9457 problem+json on the API and as zh-CN pages in the UI. Never a stack trace to a user.
/// </summary>
internal static class ErrorHandling
{
    public static bool IsApi(this HttpRequest request) => request.Path.StartsWithSegments("/api");

    public static IServiceCollection AddJiexinProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? ctx.HttpContext.TraceIdentifier;
            // Default titles are English; the API's readers are Chinese clerks' systems first.
            ctx.ProblemDetails.Title ??= ctx.ProblemDetails.Status is { } s ? Problems.TitleFor(s) : null;
            if (ctx.ProblemDetails.Status is { } status && ctx.ProblemDetails.Title == Problems.EnglishDefaultTitle(status))
            {
                ctx.ProblemDetails.Title = Problems.TitleFor(status);
            }
        });

    public static WebApplication UseJiexinErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : ex is InvalidDataException ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError,
            ExceptionHandler = async http =>
            {
                var feature = http.Features.Get<IExceptionHandlerFeature>();
                var status = feature?.Error is BadHttpRequestException bad ? bad.StatusCode : feature?.Error is InvalidDataException ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError;
                http.Response.StatusCode = status;
                if (http.Request.IsApi())
                {
                    var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                    await problems.WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = http,
                        ProblemDetails = { Status = status, Title = Problems.TitleFor(status), Detail = status >= 500 ? "服务器处理请求时出错，请稍后重试。" : "请求格式不正确。" },
                    });
                }
                else
                {
                    http.Response.ContentType = "text/html; charset=utf-8";
                    await http.Response.WriteAsync(ErrorPage.Html(status));
                }
            },
        });

        app.UseWhen(c => c.Request.IsApi(), api => api.UseStatusCodePages());
        // SignalR hubs (/hubs) keep their bare status codes: a client library reads 401, not an HTML page.
        static bool IsPage(HttpContext c) => !c.Request.IsApi() && !c.Request.Path.StartsWithSegments("/hubs");
        static bool IsRead(HttpContext c) => HttpMethods.IsGet(c.Request.Method) || HttpMethods.IsHead(c.Request.Method);
        app.UseWhen(c => IsPage(c) && IsRead(c),
            ui => ui.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // A refused form post re-executed as a POST would fail the page's antiforgery check and turn a 403 into a 400:
        // it gets the plain error page with its own status instead.
        app.UseWhen(c => IsPage(c) && !IsRead(c), ui => ui.UseStatusCodePages(async context =>
        {
            context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
            await context.HttpContext.Response.WriteAsync(ErrorPage.Html(context.HttpContext.Response.StatusCode));
        }));
        return app;
    }
}

/// <summary>Problem titles in zh-CN.</summary>
public static class Problems
{
    public static string TitleFor(int status) => status switch
    {
        400 => "请求有误",
        401 => "未登录或登录已失效",
        403 => "无权执行此操作",
        404 => "未找到",
        405 => "不支持此请求方法",
        409 => "数据已被他人修改或存在冲突",
        413 => "提交的内容过大",
        415 => "不支持的内容类型",
        422 => "无法处理的内容",
        429 => "请求过于频繁，请稍后再试",
        >= 500 => "服务器错误",
        _ => "请求未能完成",
    };

    internal static string? EnglishDefaultTitle(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "An error occurred while processing your request.",
        _ => null,
    };

    /// <summary>400 with field errors, for validation failures that a form or client can show next to each field.</summary>
    public static ValidationProblem Validation(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "提交的数据有误");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: TitleFor(404));

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: TitleFor(409));

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: TitleFor(400));
}

internal static class ErrorPage
{
    public static string Html(int status) => $$"""
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>出错了 - 解新事</title><style>body{font-family:system-ui,"WenQuanYi Micro Hei",sans-serif;margin:15vh auto;max-width:32rem;text-align:center;color:#333}a{color:#1677ff}</style></head>
        <body><h1>{{status}}</h1><p>{{(status >= 500 ? "系统处理请求时出错，请稍后重试。" : "请求未能完成。")}}</p><p><a href="/">返回首页</a></p></body></html>
        """;
}
