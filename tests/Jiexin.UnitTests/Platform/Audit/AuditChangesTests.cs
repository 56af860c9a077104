using System.Text.Json.Nodes;
using Jiexin.Platform.Audit;

namespace Jiexin.UnitTests.Platform.Audit;

public class AuditChangesTests
{
    private sealed record Place(string Name, double Latitude, IReadOnlyList<int> Codes);

    private enum Channel
    {
        Resident,
        Walkin,
    }

    // (name, old, new) as the interceptor passes them: one side may be null, never both.
    public static TheoryData<string, object?, object?> Values => new()
    {
        { "Text", null, "普通文本 \"引号\" <tag> & 'x' \\ 换行\n制表\t" },
        { "Long", null, new string('长', 600) },
        { "Status", Channel.Resident, Channel.Walkin },
        { "Unspecified", null, new DateTime(2026, 11, 30, 8, 15, 0, DateTimeKind.Unspecified) },
        { "Utc", new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc), null },
        { "Local", null, new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Local) },
        { "Id", Guid.Parse("0190f5a4-7c3e-7b21-9a55-0123456789ab"), Guid.Empty },
        { "Count", 0, -42 },
        { "Big", null, long.MaxValue },
        { "Flag", true, false },
        { "Money", 12.50m, 0.1m },
        { "Latitude", 31.3456789012345, -0.0 },
        { "Day", null, new DateOnly(2026, 2, 17) },
        { "Offset", null, new DateTimeOffset(2026, 5, 1, 9, 30, 0, TimeSpan.FromHours(8)) },
        { "Span", null, TimeSpan.FromMinutes(90) },
        { "Place", null, new Place("新庄街道 \"A\"", 31.35, [1, 2, 3]) },
        { "Tags", new[] { "甲", "乙" }, Array.Empty<string>() },
        { "Secret", AuditInterceptor.Redacted, AuditInterceptor.Redacted },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Each_value_is_written_as_the_json_tree_wrote_it(string name, object? oldValue, object? newValue)
    {
        var changes = AuditChanges.Start();
        changes.Add(name, oldValue, newValue);

        Assert.Equal(TreeOf([(name, oldValue, newValue)]), changes.Finish());
        Assert.Equal(1, changes.Count);
    }

    [Fact]
    public void Several_properties_in_one_entry_and_a_writer_reused_after_a_failure_give_the_trees_json()
    {
        (string, object?, object?)[] properties = [("Description", null, "路灯不亮"), ("GridId", null, Guid.NewGuid()), ("Status", 1, 2)];

        // A value the serialiser refuses mid-entry (NaN has no JSON form) must not leave the next entry's JSON broken.
        var broken = AuditChanges.Start();
        broken.Add("Before", null, "x");
        Assert.ThrowsAny<ArgumentException>(() => broken.Add("Bad", null, double.NaN));

        var changes = AuditChanges.Start();
        foreach (var (name, oldValue, newValue) in properties)
        {
            changes.Add(name, oldValue, newValue);
        }

        Assert.Equal(TreeOf(properties), changes.Finish());
        Assert.Equal(3, changes.Count);
        Assert.Equal("{}", AuditChanges.Start().Finish());
    }

    /// <summary>What the interceptor wrote before: a JsonObject of {"old","new"} objects of ToJson values.</summary>
    private static string TreeOf(IEnumerable<(string Name, object? Old, object? New)> properties)
    {
        var tree = new JsonObject();
        foreach (var (name, oldValue, newValue) in properties)
        {
            var change = new JsonObject();
            if (oldValue is not null)
            {
                change["old"] = AuditInterceptor.ToJson(oldValue);
            }

            if (newValue is not null)
            {
                change["new"] = AuditInterceptor.ToJson(newValue);
            }

            tree[name] = change;
        }

        return tree.ToJsonString();
    }
}
