using System.Text.Json;
using Jiexin.Data;
using Jiexin.Platform.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Platform.Notifications;

/// <summary>Ways a notification reaches a person. In-app always; SMS and WeChat through <see cref="Delivery.INotificationSender"/>.</summary>
[Flags]
public enum NotificationChannels
{
    InApp = 1,
    Sms = 2,
    WeChat = 4,
}

/// <summary>What the bell counts separately (UX: 待办, 超期, 督办).</summary>
public enum NotificationKind
{
    /// <summary>待办: something for you to do or to know.</summary>
    Todo,

    /// <summary>临期 / 超期 warnings.</summary>
    Deadline,

    /// <summary>督办 and complaints for the command centre.</summary>
    Supervision,

    /// <summary>Progress of a resident's own report.</summary>
    Progress,
}

/// <summary>
/// Who should hear of something, resolved to accounts when it is delivered (so the people of a unit are the people
/// there at that time, and writing the outbox row costs no query): one account, the staff of one org unit, or every
/// holder of a role.
/// </summary>
public static class Audience
{
    public static string User(Guid userId) => $"user:{userId}";

    public static string Unit(OrgUnitKind kind, Guid id) => $"unit:{kind}:{id}";

    public static string Role(string role) => $"role:{role}";
}

/// <summary>
/// The payload of a notification outbox row: what to say, to whom, where it links to, on which channels.
/// <see cref="ExcludeUserId"/> is the person who caused it (nobody is told of their own action).
/// </summary>
public sealed record NotificationMessage(
    string Title,
    string Body,
    NotificationKind Kind,
    IReadOnlyList<string> Audiences,
    NotificationChannels Channels = NotificationChannels.InApp,
    string? StaffLink = null,
    string? ResidentLink = null,
    string? SubjectType = null,
    Guid? SubjectId = null,
    Guid? ExcludeUserId = null)
{
    public const string OutboxType = "notification";

    // Chinese stays readable in the table (and a third of the bytes) instead of \uXXXX escapes.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>Adds the outbox row to the context: it commits with the caller's SaveChanges, or not at all.</summary>
    public OutboxMessage Enqueue(DbContext db, string dedupeKey, DateTime now)
    {
        var row = new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Type = OutboxType,
            Payload = JsonSerializer.Serialize(this, Json),
            DedupeKey = dedupeKey,
            OccurredAt = now,
            NextAttemptAt = now,
        };
        db.Add(row);
        return row;
    }

    public static NotificationMessage Read(OutboxMessage row) =>
        JsonSerializer.Deserialize<NotificationMessage>(row.Payload, Json)
        ?? throw new InvalidOperationException($"Outbox row {row.Id} has no notification payload.");
}
