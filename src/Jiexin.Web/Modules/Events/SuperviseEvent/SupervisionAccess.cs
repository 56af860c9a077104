using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Shared;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Events.SuperviseEvent;

/// <summary>
/// Who may issue a 督办 notice (the command centre and leaders, over events of their scope that someone holds) and who
/// must answer one (staff of the unit it is addressed to).
/// </summary>
public sealed class SupervisionAccess(EventAccess access, IOrgScope scope)
{
    public static readonly IReadOnlyList<string> IssuerRoles = [Roles.Commander, Roles.Leader];

    public static readonly IReadOnlyList<string> AnswerRoles = [Roles.DepartmentStaff, Roles.GridWorker, Roles.CommunityStaff];

    /// <summary>The units a notice may be addressed to now: the assignee and the summoned departments whose part is still open.</summary>
    public static IReadOnlyList<OrgUnitRef> Targets(Event e)
    {
        if (!EventWorkflow.Open.Contains(e.Status))
        {
            return [];
        }

        var targets = new List<OrgUnitRef>();
        if (e.AssigneeKind is { } kind && e.AssigneeId is { } id)
        {
            targets.Add(new OrgUnitRef(kind, id));
        }

        foreach (var s in MultiDepartment.CurrentSummons(e).Where(s => s.DoneAt is null))
        {
            var unit = new OrgUnitRef(OrgUnitKind.Department, s.DepartmentId);
            if (!targets.Contains(unit))
            {
                targets.Add(unit);
            }
        }

        return targets;
    }

    public async Task<bool> MayIssueAsync(ClaimsPrincipal user, Event e) =>
        IssuerRoles.Any(user.IsInRole)
        && await scope.CanActOnAsync(user, e.GridId is { } grid ? new OrgUnitRef(OrgUnitKind.Grid, grid) : new OrgUnitRef(OrgUnitKind.Street, access.StreetId));

    public async Task<bool> MayAnswerAsync(ClaimsPrincipal user, SupervisionNotice notice) =>
        notice.RepliedAt is null
        && AnswerRoles.Any(user.IsInRole)
        && await scope.CanActOnAsync(user, new OrgUnitRef(notice.TargetKind, notice.TargetId));
}
