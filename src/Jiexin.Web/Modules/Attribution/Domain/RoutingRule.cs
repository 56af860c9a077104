using Jiexin.Data;

namespace Jiexin.Modules.Attribution.Domain;

/// <summary>
/// "Events of this category (in this community or grid) go to this department." The most specific matching rule
/// wins: a grid rule before a community rule before a street-wide one; a 小类 rule before a rule for its 大类; then the
/// higher <see cref="Priority"/>. Without any, the category's default department applies.
/// </summary>
public sealed class RoutingRule : IHasVersion
{
    public Guid Id { get; set; }

    /// <summary>A 小类 code ("0503") or a 大类 code ("05", all its 小类).</summary>
    public required string CategoryCode { get; set; }

    /// <summary>Only in this community (and then <see cref="GridId"/> is null).</summary>
    public Guid? CommunityId { get; set; }

    /// <summary>Only in this grid (and then <see cref="CommunityId"/> is null).</summary>
    public Guid? GridId { get; set; }

    public Guid DepartmentId { get; set; }

    /// <summary>Among equally specific rules the higher value wins.</summary>
    public int Priority { get; set; }

    public bool Enabled { get; set; } = true;

    public string? Note { get; set; }

    public int Version { get; set; }
}
