using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Contracts;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.GetPerson;

/// <summary>
/// A person's events and disputes (issue 5 §5): to whoever may see the person; disputes only to the roles that work
/// them (a department clerk sees the person's events, not their disputes).
/// </summary>
public static class PersonLinks
{
    public static readonly string[] DisputeRoles = [Roles.Commander, Roles.CommunityStaff, Roles.GridWorker, Roles.Mediator, Roles.Leader];

    public sealed record Links(IReadOnlyList<RegistryLinkedEvent> Events, IReadOnlyList<RegistryLinkedDispute>? Disputes);

    public sealed class Handler(JiexinDbContext db, RegistryScope scope, IEventsOfRegistry events, IDisputesOfRegistry disputes)
    {
        public async Task<Links?> Handle(Guid personId, ClaimsPrincipal user, CancellationToken ct)
        {
            var person = await db.Set<Person>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, ct);
            if (person is null || !scope.CanSee(user, person))
            {
                return null;
            }

            return new Links(await events.ForPersonAsync(personId, ct), DisputeRoles.Any(user.IsInRole) ? await disputes.ForPersonAsync(personId, ct) : null);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder people) =>
        people.MapGet("/{id:guid}/links", async Task<Results<Ok<Links>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(id, user, ct) is { } links ? TypedResults.Ok(links) : Problems.NotFound("未找到该人员。"))
            .WithName("Registry.PersonLinks");
}
