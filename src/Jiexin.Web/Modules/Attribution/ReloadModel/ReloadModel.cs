using Jiexin.Modules.Attribution.Model;
using Jiexin.Platform.Audit;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiexin.Modules.Attribution.ReloadModel;

/// <summary>
/// POST /api/v1/attribution/model/reload (Admin): reads the configured model file again and swaps it in while
/// requests keep being classified (a swap replaces one reference; no call fails or mixes models). An unreadable
/// file keeps the current model. Audited with the old and the new model.
/// </summary>
public static class ReloadModel
{
    public sealed record Response(bool Reloaded, string? Model, string? Description);

    public sealed class Handler(FirstLevelModelHost host, IAuditTrail audit)
    {
        public async Task<Response> Handle(CancellationToken ct)
        {
            var previous = host.Current;
            var reloaded = host.LoadConfigured();
            var current = host.Current;
            await audit.RecordAsync(new AuditRecord("attribution.model.reload")
            {
                Details = new Dictionary<string, object?>
                {
                    ["reloaded"] = reloaded,
                    ["previous"] = previous?.Name,
                    ["current"] = current?.Name,
                },
            }, ct);
            return new Response(reloaded, current?.Name, current?.Description);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder attribution) =>
        attribution.MapPost("/model/reload", async Task<Ok<Response>> (Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.Handle(ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName("Attribution.ReloadModel")
            .WithSummary("重新加载分类模型文件（不中断分类）")
            .WithDescription("Reads the configured first-level model file again and swaps it in atomically; an unreadable file keeps the current model.");
}
