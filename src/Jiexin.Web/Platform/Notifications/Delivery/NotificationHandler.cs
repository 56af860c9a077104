using Jiexin.Data;
using Jiexin.Platform.Notifications.ListNotifications;
using Jiexin.Platform.Notifications.Live;
using Jiexin.Platform.Notifications.Outbox;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Platform.Notifications.Delivery;

/// <summary>
/// Delivers <see cref="NotificationMessage"/>s: resolves their audiences to accounts, writes the in-app notifications
/// that are not there yet (unique per message and account), sends SMS/WeChat through the senders unless a delivery
/// record says it went already, then pushes to the accounts' SignalR connections and this instance's pages.
/// Safe to run again for the same message: nothing is stored or sent twice (a crash between a send and its record
/// may repeat that one send, which the provider dedupes by the key). A batch shares its audience look-ups, its
/// "already there" query and its one insert (ADR 0023: the dispatcher kept pace with intake only this way).
/// </summary>
public sealed class NotificationHandler(
    JiexinDbContext db,
    RecipientResolver recipients,
    IEnumerable<INotificationSender> senders,
    IHubContext<NotificationsHub> hub,
    LiveUpdates live,
    TimeProvider clock) : IBatchOutboxHandler
{
    public string Type => NotificationMessage.OutboxType;

    public Task HandleAsync(OutboxMessage message, CancellationToken ct) => HandleBatchAsync([message], ct);

    public async Task HandleBatchAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken ct)
    {
        var notes = messages.Select(m => (Message: m, Note: NotificationMessage.Read(m))).ToList();
        await recipients.LoadAsync(notes.SelectMany(x => x.Note.Audiences), ct);
        var work = new List<(OutboxMessage Message, NotificationMessage Note, IReadOnlyList<Recipient> People)>(notes.Count);
        foreach (var (message, note) in notes)
        {
            var people = await recipients.ResolveAsync(note.Audiences, note.ExcludeUserId, ct);
            if (people.Count > 0)
            {
                work.Add((message, note, people));
            }
        }

        if (work.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var messageIds = work.Select(w => w.Message.Id).ToList();
        var already = (await db.Set<UserNotification>().AsNoTracking()
            .Where(u => messageIds.Contains(u.OutboxMessageId))
            .Select(u => new { u.OutboxMessageId, u.UserId })
            .ToListAsync(ct)).Select(u => (u.OutboxMessageId, u.UserId)).ToHashSet();
        var fresh = new List<UserNotification>();
        foreach (var (message, n, people) in work)
        {
            fresh.AddRange(people.Where(p => !already.Contains((message.Id, p.UserId))).Select(p => new UserNotification
            {
                Id = Guid.CreateVersion7(now),
                UserId = p.UserId,
                OutboxMessageId = message.Id,
                Kind = n.Kind,
                Title = Cut(n.Title, 100),
                Body = Cut(n.Body, 500),
                Link = p.IsStaff ? n.StaffLink : n.ResidentLink,
                SubjectType = n.SubjectType,
                SubjectId = n.SubjectId,
                CreatedAt = message.OccurredAt,
            }));
        }

        // New rows only, hundreds under an intake burst: prepared INSERTs rather than EF's update pipeline (SQLite).
        db.InsertsDirectly = true;
        if (fresh.Count > 0)
        {
            db.AddRange(fresh);
            // A concurrent redelivery that inserted first makes this throw: the outbox retries and finds them there.
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        await SendAsync(work, now, ct);

        foreach (var row in fresh)
        {
            await hub.Clients.User(row.UserId.ToString()).SendAsync(NotificationsHub.NotificationMethod, NotificationDto.From(row), ct);
        }

        foreach (var (_, n, people) in work)
        {
            if (n.SubjectType is { } topic && n.SubjectId is { } subject)
            {
                await hub.Clients.Users(people.Select(p => p.UserId.ToString())).SendAsync(NotificationsHub.ChangedMethod, new LiveChange(topic, subject), ct);
            }
        }

        if (fresh.Count > 0)
        {
            live.PublishNotified([.. fresh.Select(f => f.UserId).Distinct()]);
        }
    }

    /// <summary>
    /// SMS and WeChat. The sends of a batch are recorded together, once they are made — and also when one of them fails,
    /// before the failure goes back to the outbox — so a retry skips what already went. One save for the batch, not one
    /// write transaction per send: every resident report sends a WeChat receipt. A crash between sends and their record
    /// repeats those sends with the same keys, which the provider dedupes (<see cref="OutgoingMessage.DedupeKey"/>).
    /// </summary>
    private async Task SendAsync(List<(OutboxMessage Message, NotificationMessage Note, IReadOnlyList<Recipient> People)> work, DateTime now, CancellationToken ct)
    {
        var sends = (from w in work
                     from sender in senders
                     where w.Note.Channels.HasFlag(sender.Channel)
                     from person in w.People
                     select (Key: $"{w.Message.Id:N}:{sender.Channel}:{person.UserId:N}", w.Note, Sender: sender, Person: person)).ToList();
        if (sends.Count == 0)
        {
            return;
        }

        var keys = sends.Select(s => s.Key).ToList();
        var sent = (await db.Set<NotificationDelivery>().AsNoTracking().Where(d => keys.Contains(d.DedupeKey)).Select(d => d.DedupeKey).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var made = new List<NotificationDelivery>();
        try
        {
            foreach (var (key, n, sender, person) in sends.Where(s => !sent.Contains(s.Key)))
            {
                await sender.SendAsync(new OutgoingMessage(key, person.UserId, person.PhoneNumber, n.Title, n.Body,
                    person.IsStaff ? n.StaffLink : n.ResidentLink), ct);
                made.Add(new NotificationDelivery { Id = Guid.CreateVersion7(now), DedupeKey = key, Channel = sender.Channel, UserId = person.UserId, SentAt = now });
            }
        }
        finally
        {
            if (made.Count > 0)
            {
                db.AddRange(made);
                // Not the delivery's token: what went out is recorded even when the delivery is being cancelled.
                await db.SaveChangesAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
            }
        }
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
