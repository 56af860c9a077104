using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiexin.Modules.Events.ListEvents;

/// <summary>
/// 批量派单: the command centre selects rows of the queue and sends them to one unit. Each event goes through the
/// ordinary <see cref="ActOnEvent.ActOnEvent"/> step with the version the commander saw, in its own transaction:
/// one stale or refused row does not stop the others, and the answer says row by row what happened.
/// </summary>
public static class BulkDispatch
{
    public const int MaxItems = 100;

    public sealed record Item(Guid Id, int? Version);

    public sealed record Request(OrgUnitKind? AssigneeKind, Guid? AssigneeId, string? Note, DateTime? DueAt, IReadOnlyList<Item>? Items);

    public sealed record RowResult(Guid Id, bool Succeeded, string? TrackingCode, string? Status, int? Version, string? Message);

    public sealed record Response(int Succeeded, int Failed, IReadOnlyList<RowResult> Results);

    public sealed class Handler(IServiceScopeFactory scopes)
    {
        public async Task<(Response? Response, string? Field, string? Error)> Handle(Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            var items = body.Items ?? [];
            if (items.Count == 0)
            {
                return (null, "items", "请至少选择一件事件。");
            }

            if (items.Count > MaxItems)
            {
                return (null, "items", $"一次最多派 {MaxItems} 件。");
            }

            if (body.AssigneeKind is null || body.AssigneeId is null)
            {
                return (null, "assigneeId", "请选择承办单位。");
            }

            var results = new List<RowResult>();
            foreach (var item in items.DistinctBy(i => i.Id))
            {
                // A scope per row: a failed save must not leave tracked changes behind for the next row.
                await using var scope = scopes.CreateAsyncScope();
                var act = scope.ServiceProvider.GetRequiredService<ActOnEvent.ActOnEvent.Handler>();
                var outcome = await act.Handle(item.Id, "Dispatch",
                    new ActOnEvent.ActOnEvent.Request(item.Version, body.Note, body.AssigneeKind, body.AssigneeId, null, body.DueAt, null, null), user, ct);
                results.Add(outcome.Status == ActOnEvent.ActOnEvent.Status.Done
                    ? new RowResult(item.Id, true, outcome.Event!.TrackingCode, outcome.Event.Status.ToString(), outcome.Event.Version, null)
                    : new RowResult(item.Id, false, outcome.Event?.TrackingCode, outcome.Event?.Status.ToString(), outcome.Event?.Version, outcome.Message));
            }

            return (new Response(results.Count(r => r.Succeeded), results.Count(r => !r.Succeeded), results), null, null);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder events) =>
        events.MapPost("/bulk-dispatch", async Task<Results<Ok<Response>, ValidationProblem>> (
                Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var (response, field, error) = await handler.Handle(body, user, ct);
                return response is not null ? TypedResults.Ok(response) : Problems.Validation(field!, error!);
            })
            .RequireAuthorization(Platform.Auth.Policies.Staff)
            .WithName("Events.BulkDispatch");
}
