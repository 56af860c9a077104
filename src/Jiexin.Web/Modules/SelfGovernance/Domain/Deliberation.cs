using Jiexin.Data;

namespace Jiexin.Modules.SelfGovernance.Domain;

/// <summary>四方: the four parties of 四方议事, plus residents' representatives (who attend and speak but do not vote as a party).</summary>
public enum DeliberationParty
{
    /// <summary>社区党组织.</summary>
    PartyOrganisation,

    /// <summary>居委会.</summary>
    ResidentsCommittee,

    /// <summary>业委会.</summary>
    OwnersCommittee,

    /// <summary>物业公司.</summary>
    PropertyCompany,

    /// <summary>居民代表.</summary>
    Residents,
}

/// <summary>Where a topic came from (议题来源). A topic raised from an event or a need keeps its reference as text, not a foreign key.</summary>
public enum TopicSource
{
    Resident,
    Party,
    Event,
    Need,
}

public enum TopicStatus
{
    Proposed,
    Accepted,
    OnAgenda,
    Deliberated,
    Declined,
}

public enum MeetingStatus
{
    Planned,
    Held,
    Cancelled,
}

public enum ResolutionStatus
{
    Voting,
    Carried,
    Rejected,
    CarriedOut,
}

public enum VoteChoice
{
    For,
    Against,
    Abstain,
}

public enum TaskState
{
    Open,
    Closed,
}

/// <summary>议事场所: a community's branded venue (民情茶馆, 景湖邻里堂 ...), a managed list per community.</summary>
public sealed class DeliberationVenue : IHasVersion
{
    public Guid Id { get; set; }

    public Guid CommunityId { get; set; }

    public required string Name { get; set; }

    public string? Address { get; set; }

    public bool IsActive { get; set; } = true;

    public int Version { get; set; }
}

/// <summary>议题: proposed by a resident or one of the four parties, or raised from an event or a need.</summary>
public sealed class DeliberationTopic : IHasVersion
{
    public Guid Id { get; set; }

    public Guid CommunityId { get; set; }

    public required string Title { get; set; }

    public required string Description { get; set; }

    public TopicSource Source { get; set; }

    /// <summary>The event's tracking code or the need's number when raised from one (text: no foreign key into other modules).</summary>
    public string? SourceRef { get; set; }

    /// <summary>The source's title as it was when the topic was raised from it (a need's title), copied so this module never reads the other's tables.</summary>
    public string? SourceTitle { get; set; }

    /// <summary>The proposing party (null for a resident).</summary>
    public DeliberationParty? ProposerParty { get; set; }

    public required string ProposerName { get; set; }

    public Guid? ProposedByUserId { get; set; }

    public TopicStatus Status { get; set; }

    /// <summary>Why it was declined.</summary>
    public string? DecisionNote { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>议事会: a meeting at a venue with an agenda of topics, invited attendees by party, minutes and resolutions.</summary>
public sealed class DeliberationMeeting : IHasVersion
{
    public Guid Id { get; set; }

    public Guid CommunityId { get; set; }

    public required string Title { get; set; }

    public Guid VenueId { get; set; }

    /// <summary>Copied so renaming a venue keeps history readable.</summary>
    public required string VenueName { get; set; }

    public DateTime ScheduledAt { get; set; }

    public MeetingStatus Status { get; set; }

    public DateTime? HeldAt { get; set; }

    public string? Minutes { get; set; }

    public string? CancelReason { get; set; }

    public string? CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }

    public List<MeetingAgendaItem> Agenda { get; set; } = [];

    public List<MeetingAttendee> Attendees { get; set; } = [];

    public List<Resolution> Resolutions { get; set; } = [];
}

public sealed class MeetingAgendaItem
{
    public Guid Id { get; set; }

    public Guid MeetingId { get; set; }

    public Guid TopicId { get; set; }

    public int Position { get; set; }

    public DeliberationTopic Topic { get; set; } = default!;
}

/// <summary>An invited attendee; <see cref="Present"/> is recorded at the meeting.</summary>
public sealed class MeetingAttendee
{
    public Guid Id { get; set; }

    public Guid MeetingId { get; set; }

    public DeliberationParty Party { get; set; }

    public required string Name { get; set; }

    public bool Present { get; set; }
}

/// <summary>决议: voted by the four parties, carried out through its tasks, publicly noticed on the resident page.</summary>
public sealed class Resolution : IHasVersion
{
    public Guid Id { get; set; }

    public Guid MeetingId { get; set; }

    public Guid CommunityId { get; set; }

    /// <summary>The agenda topic it settles, if any.</summary>
    public Guid? TopicId { get; set; }

    public required string Text { get; set; }

    public ResolutionStatus Status { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>公示: when the resolution was published to residents.</summary>
    public DateTime? PublishedAt { get; set; }

    public DateTime? CarriedOutAt { get; set; }

    public int Version { get; set; }

    public List<ResolutionVote> Votes { get; set; } = [];

    public List<ResolutionTask> Tasks { get; set; } = [];
}

/// <summary>One party's vote on a resolution (one per party; a later record replaces it).</summary>
public sealed class ResolutionVote
{
    public Guid Id { get; set; }

    public Guid ResolutionId { get; set; }

    public DeliberationParty Party { get; set; }

    public VoteChoice Choice { get; set; }

    public string? VoterName { get; set; }

    public DateTime RecordedAt { get; set; }
}

/// <summary>A task assigned from a resolution: an owner, a deadline, closed with its outcome.</summary>
public sealed class ResolutionTask
{
    public Guid Id { get; set; }

    public Guid ResolutionId { get; set; }

    public required string Title { get; set; }

    public required string OwnerName { get; set; }

    public DeliberationParty? OwnerParty { get; set; }

    public DateOnly DueOn { get; set; }

    public TaskState State { get; set; }

    public DateTime? ClosedAt { get; set; }

    public string? Outcome { get; set; }

    public string? ClosedBy { get; set; }

    /// <summary>When the community was reminded that the task is due (today or tomorrow); set once by the reminder job.</summary>
    public DateTime? DueSoonRemindedAt { get; set; }

    /// <summary>When the community was told that the task is overdue; set once by the reminder job.</summary>
    public DateTime? OverdueRemindedAt { get; set; }
}
