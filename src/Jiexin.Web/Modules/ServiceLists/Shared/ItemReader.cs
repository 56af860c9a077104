using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.SelfGovernance.Contracts;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Platform.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.ServiceLists.Shared;

/// <summary>Loads one item with its trail and links and shapes it for the caller.</summary>
public sealed class ItemReader(JiexinDbContext db, ListAccess access, TimeProvider clock, ITopicsFromNeeds topics)
{
    public Task<ListItem?> LoadAsync(Guid id, CancellationToken ct, bool tracked = false)
    {
        var items = db.Set<ListItem>().Include(x => x.Timeline).Include(x => x.Needs).AsSplitQuery();
        return (tracked ? items : items.AsNoTracking()).SingleOrDefaultAsync(x => x.Id == id, ct);
    }

    public async Task<ListItemDto> ToDtoAsync(ListItem item, ClaimsPrincipal user, CancellationToken ct)
    {
        string? resourceTitle = null;
        if (item.ResourceId is { } rid)
        {
            resourceTitle = await db.Set<ListItem>().AsNoTracking().Where(x => x.Id == rid).Select(x => x.Title).SingleOrDefaultAsync(ct);
        }

        var needIds = item.Needs.Select(n => n.NeedId).ToArray();
        var needs = needIds.Length == 0 ? [] : await db.Set<ListItem>().AsNoTracking().Where(x => Enumerable.Contains(needIds, x.Id))
            .OrderBy(x => x.CreatedAt).Select(x => new { x.Id, x.Title, x.Status }).ToListAsync(ct);
        var servedBy = item.Kind != ListKind.Need ? [] : await db.Set<ServiceNeedLink>().AsNoTracking().Where(l => l.NeedId == item.Id)
            .Join(db.Set<ListItem>(), l => l.ServiceId, s => s.Id, (l, s) => new { s.Id, s.Title, s.Status }).ToListAsync(ct);
        var resident = !ListAccess.IsStaff(user);
        var photos = item.Status == ListItemStatus.Closed ? await Evidence.EvidencePhotos.OfItemAsync(db, item.Id, ct) : [];
        var dto = ListItemDto.From(item, access.PlaceName(item.CommunityId, item.GridId), ChinaTime.Today(clock), await access.CanEditAsync(user, item), resourceTitle,
            [.. needs.Select(n => new ListItemDto.Linked(n.Id, n.Title, n.Status, ListRules.Name(n.Status)))],
            [.. servedBy.Select(n => new ListItemDto.Linked(n.Id, n.Title, n.Status, ListRules.Name(n.Status)))]) with { EvidencePhotos = photos };
        if (item is { Kind: ListKind.Need, CommunityId: { } communityId } && !resident)
        {
            dto = dto with { DeliberationTopics = await topics.OfNeedAsync(item.Id, communityId, ct) };
        }

        // A resident sees the trail's steps, not which staff member wrote them.
        return resident ? dto with { Timeline = [.. dto.Timeline.Select(t => t with { ActorName = t.Action == "Submit" ? t.ActorName : "工作人员" })] } : dto;
    }
}
