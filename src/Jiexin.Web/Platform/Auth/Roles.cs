namespace Jiexin.Platform.Auth;

/// <summary>The roles of DOMAIN.md. Every staff role is bound to one org unit.</summary>
public static class Roles
{
    public const string Resident = nameof(Resident);
    public const string GridWorker = nameof(GridWorker);
    public const string CommunityStaff = nameof(CommunityStaff);
    public const string Commander = nameof(Commander);
    public const string DepartmentStaff = nameof(DepartmentStaff);
    public const string Mediator = nameof(Mediator);
    public const string Leader = nameof(Leader);
    public const string Admin = nameof(Admin);

    public static readonly IReadOnlyList<string> All =
        [Resident, GridWorker, CommunityStaff, Commander, DepartmentStaff, Mediator, Leader, Admin];

    public static readonly IReadOnlyList<string> Staff =
        [GridWorker, CommunityStaff, Commander, DepartmentStaff, Mediator, Leader, Admin];

    public static string DisplayName(string role) => role switch
    {
        Resident => Localization.Text.T("居民", "Resident"),
        GridWorker => Localization.Text.T("网格员", "Grid worker"),
        CommunityStaff => Localization.Text.T("村社区工作人员", "Community staff"),
        Commander => Localization.Text.T("指挥中心", "Commander"),
        DepartmentStaff => Localization.Text.T("部门人员", "Department staff"),
        Mediator => Localization.Text.T("调解员", "Mediator"),
        Leader => Localization.Text.T("领导", "Leader"),
        Admin => Localization.Text.T("系统管理员", "Administrator"),
        _ => role,
    };
}

public static class Policies
{
    /// <summary>Any staff role (everyone but residents).</summary>
    public const string Staff = nameof(Staff);

    /// <summary>Admin only.</summary>
    public const string Admin = nameof(Admin);

    /// <summary>Territory editing: Admin, and the command centre.</summary>
    public const string TerritoryEditor = nameof(TerritoryEditor);
}

public static class JiexinClaims
{
    public const string DisplayName = "jiexin:name";
    public const string OrgUnitKind = "jiexin:org_kind";
    public const string OrgUnitId = "jiexin:org_id";
}
