using Jiexin.Platform.Ui.Maps;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Modules.Events.Shared;

/// <summary>What an event's place map marks: the place itself (the pin) and every step recorded with a position (a check-in, an on-site verification).</summary>
public static class EventPlaceMarkers
{
    /// <summary>The place alone (what a resident's tracking page shows: not where staff checked in).</summary>
    public static IReadOnlyList<MapMarker> Pin(EventDto e) =>
        e.Latitude is { } lat && e.Longitude is { } lng ? [new MapMarker(lat, lng, T("事发位置", "The place"), Primary: true)] : [];

    /// <summary>
    /// The place as typed, picked or located in a form not yet sent (a form shown again after an error keeps its pin);
    /// none until both coordinates read as numbers.
    /// </summary>
    public static IReadOnlyList<MapMarker> Typed(string? latitude, string? longitude, string title) =>
        TypedCoordinate.TryParse(latitude, out var lat) && lat is not null && TypedCoordinate.TryParse(longitude, out var lng) && lng is not null
            ? [new MapMarker(lat.Value, lng.Value, title, Primary: true)]
            : [];

    public static IReadOnlyList<MapMarker> Of(EventDto e, Func<TimelineDto, string> stepTitle)
    {
        var markers = new List<MapMarker>(Pin(e));
        foreach (var step in e.Timeline ?? [])
        {
            if (step.Latitude is { } stepLat && step.Longitude is { } stepLng)
            {
                markers.Add(new MapMarker(stepLat, stepLng, stepTitle(step)));
            }
        }

        return markers;
    }
}
