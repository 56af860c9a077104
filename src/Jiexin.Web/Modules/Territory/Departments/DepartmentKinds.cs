using Jiexin.Modules.Territory.Domain;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Modules.Territory.Departments;

/// <summary>How a department's kind reads and looks in the UI.</summary>
public static class DepartmentKinds
{
    public static readonly IReadOnlyList<DepartmentKind> All =
        [DepartmentKind.Functional, DepartmentKind.Utility, DepartmentKind.PropertyCompany, DepartmentKind.MediationChannel];

    public static string Label(DepartmentKind kind) => kind switch
    {
        DepartmentKind.Functional => T("职能部门", "Functional department"),
        DepartmentKind.Utility => T("公用事业", "Utility"),
        DepartmentKind.PropertyCompany => T("物业公司", "Property company"),
        DepartmentKind.MediationChannel => T("调解渠道", "Mediation channel"),
        _ => kind.ToString(),
    };

    /// <summary>Ant Design tag colour.</summary>
    public static string Color(DepartmentKind kind) => kind switch
    {
        DepartmentKind.Functional => "blue",
        DepartmentKind.Utility => "cyan",
        DepartmentKind.PropertyCompany => "gold",
        DepartmentKind.MediationChannel => "purple",
        _ => "default",
    };
}
