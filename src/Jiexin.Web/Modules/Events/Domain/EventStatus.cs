namespace Jiexin.Modules.Events.Domain;

/// <summary>Where an event stands in the five-step loop (五步闭环) and its side branches.</summary>
public enum EventStatus
{
    /// <summary>已上报: in the queue, not yet looked at.</summary>
    Reported,

    /// <summary>已研判: category and tier confirmed, waiting for dispatch.</summary>
    Triaged,

    /// <summary>已派单: sent to an assignee who has not accepted yet.</summary>
    Dispatched,

    /// <summary>处置中: the assignee accepted and is handling it.</summary>
    Accepted,

    /// <summary>已处置: the assignee recorded a result; waiting for on-site verification.</summary>
    Handled,

    /// <summary>已核查: verified on site; waiting for closing.</summary>
    Verified,

    /// <summary>已办结 (销号).</summary>
    Closed,

    /// <summary>已退单: the assignee returned it as mis-assigned; back in the dispatch queue.</summary>
    Returned,

    /// <summary>延期申请中: the assignee asked for more time.</summary>
    ExtensionRequested,

    /// <summary>已挂起: paused with a reason (e.g. waiting for weather, a court).</summary>
    Suspended,

    /// <summary>已重办: failed verification or upheld dissatisfaction; back in the dispatch queue.</summary>
    Reopened,

    /// <summary>已合并: a duplicate of another event.</summary>
    Merged,

    /// <summary>不予受理: out of scope or invalid.</summary>
    Rejected,

    /// <summary>吹哨待召集: a grid worker or community escalated it (tier 3); the command centre summons departments.</summary>
    Whistled,

    /// <summary>部门报到处置中: several departments summoned; each checks in (报到) and records its part.</summary>
    Summoned,

    /// <summary>已上报区级: escalated beyond the street (counts against 矛盾不上交).</summary>
    EscalatedAboveStreet,

    /// <summary>不满意待复核: the reporter rated it dissatisfied; the command centre reopens it or explains and closes.</summary>
    Dissatisfied,
}

/// <summary>The channel a demand came in through (all channels, one queue).</summary>
public enum EventChannel
{
    /// <summary>居民 H5 / 小程序.</summary>
    Resident,

    /// <summary>网格员巡查 (源头发现).</summary>
    Patrol,

    /// <summary>来访.</summary>
    WalkIn,

    /// <summary>来电.</summary>
    Phone,

    /// <summary>12345 热线转办.</summary>
    Hotline12345,

    /// <summary>其他平台 / API.</summary>
    Api,
}

/// <summary>The level at which a matter was finally resolved: 小事不出村、大事不出镇、矛盾不上交.</summary>
public enum ResolutionTier
{
    /// <summary>网格.</summary>
    Grid,

    /// <summary>村/社区.</summary>
    Community,

    /// <summary>街道 (the command centre and its departments).</summary>
    Street,

    /// <summary>街道以上 (escalated to the district).</summary>
    AboveStreet,
}
