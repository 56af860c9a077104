using Jiexin.Modules.Territory.Domain;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Modules.Territory.Communities;

/// <summary>How a community's kind reads and looks in the UI.</summary>
public static class CommunityKinds
{
    public static readonly IReadOnlyList<CommunityKind> All = [CommunityKind.Community, CommunityKind.Village];

    public static string Label(CommunityKind kind) => kind switch
    {
        CommunityKind.Community => T("社区", "Community"),
        CommunityKind.Village => T("村", "Village"),
        _ => kind.ToString(),
    };

    /// <summary>Ant Design tag colour.</summary>
    public static string Color(CommunityKind kind) => kind == CommunityKind.Village ? "green" : "blue";
}
