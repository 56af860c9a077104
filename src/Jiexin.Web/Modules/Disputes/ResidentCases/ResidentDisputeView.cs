using Jiexin.Modules.Disputes.Domain;

namespace Jiexin.Modules.Disputes.ResidentCases;

/// <summary>How the resident pages word and colour a case.</summary>
public static class ResidentDisputeView
{
    public static string Tone(DisputeStatus s) => s switch
    {
        DisputeStatus.Received => "new",
        DisputeStatus.Closed => "done",
        DisputeStatus.Rejected => "stopped",
        _ => "doing",
    };

    public static string China(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-dd HH:mm");

    public static string ChinaDay(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-dd");
}
