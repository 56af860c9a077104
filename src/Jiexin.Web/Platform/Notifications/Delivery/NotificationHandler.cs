using Jiexin.Data;
using Jiexin.Platform.Notifications.ListNotifications;
using Jiexin.Platform.Notifications.Live;
using Jiexin.Platform.Notifications.Outbox;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Platform.Notifications.Delivery;

/// <summary>
/// Delivers a <see cref="NotificationMessage"/>: resolves its audiences to accounts, writes the in-app notifications
/// that are not there yet (unique per message and account), sends SMS/WeChat through the senders unless a delivery
/// record says it went already, then pushes to the accounts' SignalR connections and this instance's pages.
/// Safe to run again for the same message: nothing is stored or sent twice (a crash between a send and its record
/// may repeat that one send, which the provider dedupes by the key).
/// </summary>
public sealed class NotificationHandler(
    JiexinDbContext db,
    RecipientResolver recipients,
    IEnumerable<INotificationSender> senders,
    IHubContext<NotificationsHub> hub,
    LiveUpdates live,
    TimeProvider clock) : IOutboxHandler
{
    public string Type => NotificationMessage.OutboxType;

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var n = NotificationMessage.Read(message);
        var people = await recipients.ResolveAsync(n.Audiences, n.ExcludeUserId, ct);
        if (people.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var ids = people.Select(p => p.UserId).ToList();
        var already = (await db.Set<UserNotification>().AsNoTracking()
            .Where(u => u.OutboxMessageId == message.Id && ids.Contains(u.UserId))
            .Select(u => u.UserId)
            .ToListAsync(ct)).ToHashSet();
        var fresh = people.Where(p => !already.Contains(p.UserId)).Select(p => new UserNotification
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
        }).ToList();
        if (fresh.Count > 0)
        {
            db.AddRange(fresh);
            // A concurrent redelivery that inserted first makes this throw: the outbox retries and finds them there.
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        foreach (var sender in senders.Where(s => n.Channels.HasFlag(s.Channel)))
        {
            foreach (var person in people)
            {
                var key = $"{message.Id:N}:{sender.Channel}:{person.UserId:N}";
                if (await db.Set<NotificationDelivery>().AnyAsync(d => d.DedupeKey == key, ct))
                {
                    continue;
                }

                await sender.SendAsync(new OutgoingMessage(key, person.UserId, person.PhoneNumber, n.Title, n.Body,
                    person.IsStaff ? n.StaffLink : n.ResidentLink), ct);
                db.Add(new NotificationDelivery { Id = Guid.CreateVersion7(now), DedupeKey = key, Channel = sender.Channel, UserId = person.UserId, SentAt = now });
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }

        foreach (var row in fresh)
        {
            await hub.Clients.User(row.UserId.ToString()).SendAsync(NotificationsHub.NotificationMethod, NotificationDto.From(row), ct);
        }

        if (n.SubjectType is { } topic && n.SubjectId is { } subject)
        {
            await hub.Clients.Users(ids.Select(i => i.ToString())).SendAsync(NotificationsHub.ChangedMethod, new LiveChange(topic, subject), ct);
        }

        if (fresh.Count > 0)
        {
            live.PublishNotified([.. fresh.Select(f => f.UserId)]);
        }
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
