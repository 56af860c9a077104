using System.Text;
using System.Text.Json;
using Jiexin.Data;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Jiexin.Modules.SelfGovernance.Domain;

/// <summary>包干区域: a polygon on the map, or a list of addresses.</summary>
public enum ZoneKind
{
    Addresses,
    Polygon,
}

/// <summary>联组 (联户创建): neighbouring households grouped by where they live, with a leader, a responsibility zone, tasks and activities.</summary>
public sealed class HouseholdGroup : IHasVersion
{
    public Guid Id { get; set; }

    public Guid CommunityId { get; set; }

    public required string Name { get; set; }

    /// <summary>联户长.</summary>
    public required string LeaderName { get; set; }

    /// <summary>The 联户长's account, when they have one (they are then reminded of the group's tasks too).</summary>
    public Guid? LeaderUserId { get; set; }

    public ZoneKind ZoneKind { get; set; }

    /// <summary>GeoJSON Polygon (WGS-84, [lng, lat]) when <see cref="ZoneKind"/> is Polygon.</summary>
    public string? ZonePolygon { get; set; }

    /// <summary>One address per line when <see cref="ZoneKind"/> is Addresses.</summary>
    public string? ZoneAddresses { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }

    public List<GroupHousehold> Households { get; set; } = [];

    public List<GroupTask> Tasks { get; set; } = [];

    public List<GroupActivity> Activities { get; set; } = [];
}

/// <summary>One household of a group, kept in address order (<see cref="SortKey"/>).</summary>
public sealed class GroupHousehold
{
    public Guid Id { get; set; }

    public Guid GroupId { get; set; }

    public required string Address { get; set; }

    /// <summary>The registry's standard address it came from, if any (an id, not a foreign key: Registry is another module).</summary>
    public Guid? RegistryAddressId { get; set; }

    /// <summary>How neighbours call the household (e.g. 张家); no personal data.</summary>
    public string? Label { get; set; }

    public required string SortKey { get; set; }
}

public sealed class GroupTask
{
    public Guid Id { get; set; }

    public Guid GroupId { get; set; }

    public required string Title { get; set; }

    public DateOnly DueOn { get; set; }

    public TaskState State { get; set; }

    public DateTime? ClosedAt { get; set; }

    public string? Outcome { get; set; }

    /// <summary>When the "due soon" reminder was claimed (once per task).</summary>
    public DateTime? DueSoonRemindedAt { get; set; }

    /// <summary>When the "overdue" reminder was claimed (once per task).</summary>
    public DateTime? OverdueRemindedAt { get; set; }
}

public sealed class GroupActivity
{
    public Guid Id { get; set; }

    public Guid GroupId { get; set; }

    public DateOnly HeldOn { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public int Participants { get; set; }

    public string? RecordedBy { get; set; }
}

public static class HouseholdGroupRules
{
    private static readonly GeometryFactory Factory = NtsGeometryServices.Instance.CreateGeometryFactory(srid: 4326);

    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory(Factory) } };

    /// <summary>
    /// Natural address order: every run of digits padded to 8, so 新庄路 3 号 comes before 新庄路 12 号 and 2 幢 101 before 2 幢 1001,
    /// in SQL on both providers (a plain string order).
    /// </summary>
    public static string SortKey(string address)
    {
        var key = new StringBuilder(address.Length + 16);
        var i = 0;
        while (i < address.Length)
        {
            if (char.IsAsciiDigit(address[i]))
            {
                var start = i;
                while (i < address.Length && char.IsAsciiDigit(address[i]))
                {
                    i++;
                }

                key.Append(address.AsSpan(start, i - start).TrimStart('0').ToString().PadLeft(8, '0'));
            }
            else if (!char.IsWhiteSpace(address[i]))
            {
                key.Append(address[i++]);
            }
            else
            {
                i++;
            }
        }

        return key.Length > 300 ? key.ToString(0, 300) : key.ToString();
    }

    /// <summary>The polygon's normalised GeoJSON, or null when the text is not one valid WGS-84 polygon.</summary>
    public static string? ReadPolygon(string? geoJson)
    {
        if (string.IsNullOrWhiteSpace(geoJson))
        {
            return null;
        }

        try
        {
            var geometry = JsonSerializer.Deserialize<Geometry>(geoJson, GeoJson);
            if (geometry is not Polygon polygon || !polygon.IsValid || polygon.IsEmpty
                || polygon.Coordinates.Any(c => c.X is < -180 or > 180 || c.Y is < -90 or > 90))
            {
                return null;
            }

            return JsonSerializer.Serialize<Geometry>(polygon, GeoJson);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
    }
}
