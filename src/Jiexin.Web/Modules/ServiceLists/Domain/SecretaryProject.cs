using Jiexin.Data;

namespace Jiexin.Modules.ServiceLists.Domain;

/// <summary>三级书记项目: the tier follows the place (street → 街道党工委, community → 村社区党总支, grid → 网格党支部).</summary>
public enum ProjectTier
{
    StreetCommittee,
    CommunityBranch,
    GridBranch,
}

public enum EvaluationStage
{
    MidYear,
    YearEnd,
}

public enum EvaluationGrade
{
    Excellent,
    Good,
    Fair,
    Poor,
}

/// <summary>A party secretary's yearly project: goals, milestones (progress = share done), linked list items, evaluations.</summary>
public sealed class SecretaryProject : IHasVersion
{
    public Guid Id { get; set; }

    public int Year { get; set; }

    public ProjectTier Tier { get; set; }

    public Guid? CommunityId { get; set; }

    public Guid? GridId { get; set; }

    public string Title { get; set; } = "";

    public string SecretaryName { get; set; } = "";

    public string Goals { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public string CreatedByName { get; set; } = "";

    /// <summary>Set on every change, so that a change to milestones, links or evaluations also bumps <see cref="Version"/>.</summary>
    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }

    public List<ProjectMilestone> Milestones { get; set; } = [];

    public List<ProjectLink> Links { get; set; } = [];

    public List<ProjectEvaluation> Evaluations { get; set; } = [];

    public static ProjectTier TierOf(Guid? communityId, Guid? gridId) =>
        gridId is not null ? ProjectTier.GridBranch : communityId is not null ? ProjectTier.CommunityBranch : ProjectTier.StreetCommittee;

    /// <summary>Percentage of milestones done (0 without milestones).</summary>
    public static int ProgressOf(int done, int total) => total == 0 ? 0 : (int)Math.Round(done * 100.0 / total, MidpointRounding.AwayFromZero);
}

public sealed class ProjectMilestone
{
    public Guid Id { get; set; }

    public Guid ProjectId { get; set; }

    public string Title { get; set; } = "";

    public DateOnly DueOn { get; set; }

    public DateOnly? DoneOn { get; set; }

    public string? Note { get; set; }
}

/// <summary>A need or service item the project takes on.</summary>
public sealed class ProjectLink
{
    public Guid ProjectId { get; set; }

    public Guid ItemId { get; set; }
}

/// <summary>年中 or 年终 evaluation, by the tier above (one per stage; a new one replaces it).</summary>
public sealed class ProjectEvaluation
{
    public Guid Id { get; set; }

    public Guid ProjectId { get; set; }

    public EvaluationStage Stage { get; set; }

    public EvaluationGrade Grade { get; set; }

    public string? Comment { get; set; }

    public string EvaluatedByName { get; set; } = "";

    public DateTime EvaluatedAt { get; set; }
}
