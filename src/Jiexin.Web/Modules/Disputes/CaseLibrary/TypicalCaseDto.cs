using System.Security.Claims;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Disputes.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Text;

namespace Jiexin.Modules.Disputes.CaseLibrary;

/// <summary>A typical case as the API and the pages show it, with what the caller may do with it.</summary>
public sealed record TypicalCaseDto(
    Guid Id, Guid DisputeId, string Title, string Facts, string Process, string Result, string MethodNotes,
    string TypeCode, string TypeName, IReadOnlyList<string> MethodTags, TypicalCaseStatus Status, string StatusName,
    string ProposedBy, DateTime ProposedAt, string? ReviewedBy, DateTime? PublishedAt, string? UnpublishReason,
    DateTime UpdatedAt, int Version, bool CanEdit, bool CanPublish, bool CanUnpublish)
{
    public static TypicalCaseDto From(TypicalCase c, ClaimsPrincipal user)
    {
        var reviewer = TypicalCaseRules.IsReviewer(user);
        return new(c.Id, c.DisputeId, c.Title, c.Facts, c.Process, c.Result, c.MethodNotes, c.TypeCode, c.TypeName,
            TypicalCaseRules.ReadTags(c.MethodTags), c.Status, TypicalCaseRules.StatusName(c.Status), c.ProposedBy, c.ProposedAt,
            c.ReviewedBy, c.PublishedAt, c.UnpublishReason, c.UpdatedAt, c.Version,
            CanEdit: reviewer,
            CanPublish: reviewer && c.Status != TypicalCaseStatus.Published,
            CanUnpublish: reviewer && c.Status == TypicalCaseStatus.Published);
    }
}

/// <summary>Who reviews and publishes (调解员、指挥中心、管理员), who reads what, and the stored shapes of tags and words.</summary>
public static class TypicalCaseRules
{
    public static readonly string[] ReviewerRoles = [Roles.Mediator, Roles.Commander, Roles.Admin];

    public const int MaxTitle = 100;
    public const int MaxText = 4000;
    public const int MaxProcess = 8000;
    public const int MaxTags = 6;

    public static bool IsReviewer(ClaimsPrincipal user) => ReviewerRoles.Any(user.IsInRole);

    /// <summary>Published cases are for all staff; a case still in review only for reviewers and whoever proposed it.</summary>
    public static bool CanRead(ClaimsPrincipal user, TypicalCase c) =>
        DisputeAccess.IsStaff(user)
        && (c.Status == TypicalCaseStatus.Published || IsReviewer(user) || (c.ProposedByUserId is { } by && by == user.GetUserId()));

    public static string StatusName(TypicalCaseStatus s) => s switch
    {
        TypicalCaseStatus.Proposed => "待审核",
        TypicalCaseStatus.Published => "已发布",
        _ => "已撤回",
    };

    public static IReadOnlyList<string> ReadTags(string stored) => stored.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static string StoreTags(IEnumerable<string> tags)
    {
        var list = tags.Distinct(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "" : $"|{string.Join("|", list)}|";
    }

    /// <summary>Unknown tags, or too many: a message for the field; null when the tags are fine.</summary>
    public static string? CheckTags(IReadOnlyList<string>? tags) =>
        tags is null ? null
        : tags.Count > MaxTags ? $"调解方法最多选 {MaxTags} 个。"
        : tags.Any(IsUnknown) ? $"调解方法“{Clip(tags.First(IsUnknown) ?? "", 20)}”不在列表中。"
        : null;

    private static bool IsUnknown(string? tag) => tag is null || !MediationMethods.All.Contains(tag);

    /// <summary>The words the similar-cases ranking compares: title and facts (what a new case's description resembles).</summary>
    public static string WordsOf(string title, string facts) =>
        string.Join(' ', ChineseWords.Of($"{title}。{facts}", 600).Order(StringComparer.Ordinal));

    public static string Clip(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
