using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Platform.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.ServiceLists.Shared;

/// <summary>
/// The editable fields of a list item, for create (kind, month and place used) and update (<see cref="Version"/> used;
/// kind, month and place fixed). Flat so that one JSON shape serves the three lists.
/// </summary>
public sealed record ItemRequest(
    ListKind? Kind = null,
    string? Month = null,
    Guid? CommunityId = null,
    Guid? GridId = null,
    string? Title = null,
    string? Description = null,
    string? Category = null,
    string? OwnerName = null,
    DateOnly? Deadline = null,
    NeedSource? Source = null,
    string? SourceRef = null,
    ResourceKind? ResourceKind = null,
    string? Offer = null,
    IReadOnlyList<string>? Categories = null,
    int? Capacity = null,
    string? ContactName = null,
    string? ContactPhone = null,
    Guid? ResourceId = null,
    IReadOnlyList<Guid>? NeedIds = null,
    int? Version = null);

/// <summary>Checks an <see cref="ItemRequest"/> for a kind and writes it onto an item (zh-CN messages by field).</summary>
public sealed class ItemWriter(JiexinDbContext db, ListAccess access, IPersonalDataProtector protector)
{
    public sealed class Errors : Dictionary<string, string[]>
    {
        public void Add(string field, string message) => this[field] = [message];
    }

    /// <summary>Validates the fields and applies them to <paramref name="item"/> (kind and place already set). Returns the errors (empty when applied).</summary>
    public async Task<Errors> ApplyAsync(ListItem item, ItemRequest r, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Errors();
        var title = r.Title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length < 2 || title.Length > ListRules.MaxTitle)
        {
            errors.Add("title", $"请填写名称（2–{ListRules.MaxTitle} 个字）。");
        }

        var description = Blank(r.Description);
        if (description?.Length > ListRules.MaxDescription)
        {
            errors.Add("description", $"说明不能超过 {ListRules.MaxDescription} 个字。");
        }

        var owner = Blank(r.OwnerName);
        if (owner is null)
        {
            errors.Add("ownerName", "请填写责任人。");
        }
        else if (owner.Length > 64)
        {
            errors.Add("ownerName", "责任人不能超过 64 个字。");
        }

        if (r.Deadline is null)
        {
            errors.Add("deadline", "请选择办结时限。");
        }

        string? category = null;
        if (item.Kind != ListKind.Resource)
        {
            category = Blank(r.Category);
            if (category is null || category.Length > ListRules.MaxCategory || category.Contains('|'))
            {
                errors.Add("category", "请选择服务类别。");
            }
        }

        string? categories = null;
        string? phone = null;
        if (item.Kind == ListKind.Resource)
        {
            if (r.ResourceKind is null || !Enum.IsDefined(r.ResourceKind.Value))
            {
                errors.Add("resourceKind", "请选择资源类型（高校、市级机关单位、公益组织、志愿者队伍）。");
            }

            if (Blank(r.Offer) is not { } offer || offer.Length > 1000)
            {
                errors.Add("offer", "请填写能提供的服务（不超过 1000 字）。");
            }

            var list = (r.Categories ?? []).Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).Distinct().ToList();
            if (list.Count == 0 || list.Any(c => c.Length > ListRules.MaxCategory || c.Contains('|')) || ItemJoinedTooLong(list))
            {
                errors.Add("categories", "请至少选择一个服务类别。");
            }
            else
            {
                categories = ListItem.JoinCategories(list);
            }

            if (r.Capacity is < 0 or > 100_000)
            {
                errors.Add("capacity", "服务能力须是 0–100000 之间的数字。");
            }

            if (Blank(r.ContactName)?.Length > 64)
            {
                errors.Add("contactName", "联系人不能超过 64 个字。");
            }

            // The masked number sent back unchanged (the API's own shape) means "keep".
            if (Blank(r.ContactPhone) is { } rawPhone && rawPhone != item.ContactPhoneMasked)
            {
                phone = NormalisePhone(rawPhone);
                if (phone is null)
                {
                    errors.Add("contactPhone", "联系电话格式不正确（手机号或带区号的固定电话）。");
                }
            }
        }

        ListItem? resource = null;
        var needs = new List<ListItem>();
        if (item.Kind == ListKind.Service)
        {
            if (r.ResourceId is not { } resourceId
                || (resource = await db.Set<ListItem>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == resourceId && x.Kind == ListKind.Resource, ct)) is null
                || !await access.CanSeeAsync(user, resource))
            {
                errors.Add("resourceId", "请选择提供服务的资源。");
            }

            var needIds = (r.NeedIds ?? []).Distinct().ToArray();
            if (needIds.Length > 0)
            {
                needs = await db.Set<ListItem>().AsNoTracking().Where(x => Enumerable.Contains(needIds, x.Id) && x.Kind == ListKind.Need).ToListAsync(ct);
                if (needs.Count != needIds.Length || needs.Any(n => n.CommunityId != item.CommunityId))
                {
                    errors.Add("needIds", "所选需求须是本村社区的群众需求。");
                }
            }
        }

        if (item.Kind == ListKind.Need)
        {
            if (r.Source is { } s && !Enum.IsDefined(s))
            {
                errors.Add("source", "需求来源不正确。");
            }

            if (Blank(r.SourceRef)?.Length > 100)
            {
                errors.Add("sourceRef", "来源编号不能超过 100 个字。");
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        item.Title = title!;
        item.Description = description;
        item.OwnerName = owner;
        item.Deadline = r.Deadline!.Value;
        item.Category = category;
        if (item.Kind == ListKind.Need)
        {
            item.Source = r.Source ?? item.Source ?? NeedSource.Other;
            item.SourceRef = Blank(r.SourceRef);
        }

        if (item.Kind == ListKind.Resource)
        {
            item.ResourceKind = r.ResourceKind;
            item.Offer = Blank(r.Offer);
            item.Categories = categories;
            item.Capacity = r.Capacity;
            item.ContactName = Blank(r.ContactName);
            // The full number never leaves the server, so an edit form cannot send it back: null keeps the stored
            // number (so does the masked number sent back unchanged), an empty string removes it, a number replaces it.
            var keepPhone = r.ContactPhone is null || (item.ContactPhoneMasked is not null && Blank(r.ContactPhone) == item.ContactPhoneMasked);
            if (!keepPhone)
            {
                item.ContactPhoneCipher = phone is null ? null : protector.Encrypt(ListItem.ContactPhoneField, phone);
                item.ContactPhoneMasked = phone is null ? null : PersonalDataMask.Phone(phone);
            }
        }

        if (item.Kind == ListKind.Service)
        {
            item.ResourceId = resource!.Id;
            var wanted = needs.Select(n => n.Id).ToHashSet();
            item.Needs.RemoveAll(l => !wanted.Contains(l.NeedId));
            foreach (var id in wanted.Where(id => item.Needs.All(l => l.NeedId != id)))
            {
                item.Needs.Add(new ServiceNeedLink { ServiceId = item.Id, NeedId = id });
            }
        }

        return errors;
    }

    private static bool ItemJoinedTooLong(List<string> list) => ListItem.JoinCategories(list).Length > 300;

    /// <summary>Mobile (via <see cref="MobileNumber"/>) or a fixed line of 7–12 digits with an optional area code and dash.</summary>
    public static string? NormalisePhone(string raw)
    {
        if (MobileNumber.Normalise(raw) is { } mobile)
        {
            return mobile;
        }

        var digits = new string([.. raw.Where(c => c is not (' ' or '-'))]);
        return digits.Length is >= 7 and <= 12 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
