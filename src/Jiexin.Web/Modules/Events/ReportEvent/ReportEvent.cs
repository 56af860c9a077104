using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Photos;
using Jiexin.Modules.Events.Shared;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Audit;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Data;
using Jiexin.Platform.Http;
using Jiexin.Platform.Media;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.Events.ReportEvent;

/// <summary>
/// 信息上报: every channel's intake into the one queue. Locates the grid, and makes retries with the same
/// <c>Idempotency-Key</c> return the event the first attempt created.
/// </summary>
public static class ReportEvent
{
    public const int MinDescription = 5;
    public const int MaxDescription = 2000;
    public const int MaxIdempotencyKey = 100;

    public sealed record Request(
        string? Description,
        double? Latitude,
        double? Longitude,
        string? Address,
        bool? Anonymous,
        EventChannel? Channel,
        Guid? GridId = null,
        string? ContactName = null,
        string? ContactPhone = null,
        IReadOnlyList<Guid>? PhotoIds = null);

    /// <summary>
    /// <paramref name="PhotoFiles"/>: photos posted with the form itself (resident H5 page); the API sends <c>photoIds</c>.
    /// <paramref name="Grouped"/>: the caller holds no transaction on the scope's context, so a report without photos
    /// may join the group commit (the API endpoint and the intake pages say so). Off by default: a caller inside a
    /// transaction (Open311, a facility's fault report) needs the event saved in it — through the group commit it would
    /// wait for the write gate its own transaction holds.
    /// </summary>
    public sealed record Command(Request Body, string? IdempotencyKey, ClaimsPrincipal User, IReadOnlyList<IFormFile>? PhotoFiles = null,
        bool Grouped = false);

    public const int MaxContactName = 50;

    /// <summary>Either the event (new or replayed) or field errors.</summary>
    public sealed record Outcome(EventDto? Event, bool Replayed, IDictionary<string, string[]>? Errors, string? Conflict)
    {
        public static Outcome Invalid(string field, string message) => new(null, false, new Dictionary<string, string[]> { [field] = [message] }, null);
    }

    public sealed class Handler(
        IServiceProvider services,
        IGridLocator locator,
        IEventAttributor attributor,
        IOrgDirectory orgs,
        ITerritoryLookup territory,
        IMediaStore media,
        IOptions<MediaOptions> mediaOptions,
        ContactPhones phones,
        GroupCommitter committer,
        TrackingCodes trackingCodes,
        AuditActorAccessor actors,
        TimeProvider clock)
    {
        // Codes handed out by this handler but not saved yet: a bulk import creates thousands before its one commit.
        private readonly HashSet<string> _issuedCodes = new(StringComparer.Ordinal);

        // The request's context, resolved only by the paths that use it: a report without photos goes to the group
        // commit, and constructing a context it never uses (EF compares the options by reflection in the constructor)
        // was ~5 % of the intake's allocations. The same scoped instance as the caller's, so Open311's transaction holds.
        private JiexinDbContext? _db;

        private JiexinDbContext Db => _db ??= services.GetRequiredService<JiexinDbContext>();

        public async Task<Outcome> Handle(Command command, CancellationToken ct)
        {
            var (body, key, user, files, _) = command;
            files = files?.Where(f => !string.IsNullOrEmpty(f.FileName) || f.Length > 0).ToList();
            var errors = Validate(body, key, files?.Count ?? 0);
            if (errors.Count > 0)
            {
                return new(null, false, errors, null);
            }

            var userId = user.GetUserId();
            var hash = key is null ? null : Hash(body);
            // A retry carrying photos must be recognised before its photos are checked (the first attempt used them)
            // or stored again. A plain JSON retry needs no look-up first: the unique (account, key) index refuses its
            // insert and the catch below answers with the first event. That saves a query on every first attempt,
            // 17% of intake CPU in a trace (docs/decisions/0015-sqlite-durability.md).
            var carriesPhotos = body.PhotoIds is { Count: > 0 } || files is { Count: > 0 };
            if (key is not null && carriesPhotos && await FindReplayAsync(userId, key, hash!, ct) is { } replay)
            {
                return replay;
            }

            var isResident = user.IsInRole(Roles.Resident);
            var channel = ChannelFor(user, body.Channel);
            if (channel is null)
            {
                return Outcome.Invalid("channel", "该渠道不能由您的账号提交。");
            }

            GridLocation? location = null;
            if (body.Latitude is { } lat && body.Longitude is { } lng)
            {
                location = locator.Locate(lat, lng);
                if (location is null)
                {
                    return Outcome.Invalid("latitude", "该位置不在本街道范围内，请确认位置或改填地址。");
                }
            }
            else if (body.GridId is { } gridId)
            {
                // Staff taking a call pick the grid from a list when the caller cannot say where exactly.
                location = isResident ? null : GridById(gridId);
                if (location is null)
                {
                    return Outcome.Invalid("gridId", "所选网格不存在。");
                }
            }

            var (pending, photoError) = body.PhotoIds is { Count: > 0 }
                ? await EventPhotos.FindPendingAsync(Db, body.PhotoIds, userId, ct)
                : ([], null);
            if (photoError is not null)
            {
                return Outcome.Invalid("photoIds", photoError);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var eventId = Guid.CreateVersion7(now);
            var owner = new MediaOwner(EventPhotos.EventKind, eventId);
            if (files is { Count: > 0 })
            {
                // All or nothing: a refused photo refuses the report, with every reason, and keeps no file.
                var saved = await media.SaveFormFilesAsync(files, owner, user, EventPhotos.Limits(mediaOptions.Value), ct);
                if (!saved.Succeeded)
                {
                    return new(null, false, new Dictionary<string, string[]> { ["photos"] = [.. saved.Errors.Select(x => x.Describe())] }, null);
                }

                Db.AddRange(saved.Saved);
            }

            // Without photos nothing else is touched: the report joins the group commit (one transaction for every
            // report waiting at that moment) and the tracking code's uniqueness is left to its unique index. The caller
            // says whether it may (Command.Grouped): asking the context (Database.CurrentTransaction) would initialise
            // it on every report, 7 % of the intake's CPU for a context the grouped path never uses.
            var grouped = !carriesPhotos && command.Grouped;
            var e = await NewEventAsync(eventId, body.Description!, body.Latitude, body.Longitude, body.Address, location, channel.Value, user,
                isResident, body.Anonymous == true, key, hash, now, ct, checkTrackingCode: !grouped);
            var details = !isResident && (!string.IsNullOrWhiteSpace(body.ContactName) || ContactPhones.Normalise(body.ContactPhone) is not null)
                ? ContactDetails(e.Id, body.ContactName, body.ContactPhone, null, null)
                : null;
            if (grouped)
            {
                return await CommitGroupedAsync(e, details, userId, key, hash, now, ct);
            }

            EventPhotos.Attach(Db, pending!, owner);
            Db.Add(e);
            if (details is not null)
            {
                Db.Add(details);
            }

            try
            {
                await Db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (key is not null)
            {
                // Two attempts with the same key raced; the unique index let one in. Answer with that one.
                Db.ChangeTracker.Clear();
                if (await FindReplayAsync(userId, key, hash!, ct) is { } raced)
                {
                    return raced;
                }

                throw;
            }

            var photos = Db.ChangeTracker.Entries<MediaFile>().Select(x => x.Entity).Where(m => m.OwnerId == e.Id).ToList();
            return new(EventDto.From(e, orgs, e.Timeline, photos: photos), false, null, null);
        }

        private async Task<Outcome> CommitGroupedAsync(Event e, EventIntakeDetails? details, Guid? userId, string? key, string? hash, DateTime now, CancellationToken ct)
        {
            List<object> entities = [e, .. e.Timeline];
            if (details is not null)
            {
                entities.Add(details);
            }

            var actor = actors.Current;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await committer.AddAsync(entities, actor, ct);
                    return new(EventDto.From(e, orgs, e.Timeline, photos: []), false, null, null);
                }
                catch (DbUpdateException) when (attempt < 3)
                {
                    // Refused by a unique index: the same key's first attempt won (answer with it), or the random
                    // tracking code was taken (draw again, checked this time).
                    if (key is not null && await FindReplayAsync(userId, key, hash!, ct) is { } raced)
                    {
                        return raced;
                    }

                    e.TrackingCode = await NewTrackingCodeAsync(now, ct, check: true);
                }
            }
        }

        /// <summary>
        /// A new event in the Reported state with its first timeline step, located, attributed and with a fresh tracking
        /// code; not added to the context. Shared by single intake and the 12345 bulk import.
        /// </summary>
        internal async Task<Event> NewEventAsync(Guid id, string description, double? latitude, double? longitude, string? address,
            GridLocation? location, EventChannel channel, ClaimsPrincipal user, bool isResident, bool anonymous, string? key, string? hash,
            DateTime now, CancellationToken ct, bool checkTrackingCode = true)
        {
            var userId = user.GetUserId();
            description = description.Trim();

            // 精准定位小类事件归属: category and responsible party from the text and the place.
            var attribution = await attributor.AttributeAsync(
                new AttributionRequest(description, latitude, longitude, location?.GridId, location?.CommunityId, Explain: false), ct);
            var top = attribution.Top;
            var recognised = top.Probability > 0;

            var e = new Event
            {
                Id = id,
                TrackingCode = await NewTrackingCodeAsync(now, ct, checkTrackingCode),
                Channel = channel,
                Description = description,
                Latitude = latitude,
                Longitude = longitude,
                Address = string.IsNullOrWhiteSpace(address) ? null : address.Trim(),
                GridId = location?.GridId,
                CommunityId = location?.CommunityId,
                CategoryCode = recognised ? top.Code : null,
                CategoryName = recognised ? $"{top.CategoryName} · {top.SubcategoryName}" : null,
                AttributionProbability = recognised ? top.Probability : null,
                AttributedCategoryCode = recognised ? top.Code : null,
                AttributionConfident = recognised && attribution.IsConfident,
                SuggestedDepartmentId = attribution.Department?.Id,
                Status = EventStatus.Reported,
                ReporterUserId = isResident ? userId : null,
                IsAnonymous = anonymous,
                CreatedByUserId = userId,
                IdempotencyKey = key,
                IdempotencyHash = hash,
                CreatedAt = now,
                UpdatedAt = now,
            };
            e.Timeline.Add(new EventTimelineEntry
            {
                Id = Guid.CreateVersion7(now),
                EventId = e.Id,
                At = now,
                Action = "Report",
                ToStatus = EventStatus.Reported,
                ActorUserId = userId,
                ActorName = e.IsAnonymous && isResident ? "匿名居民" : user.FindFirst(JiexinClaims.DisplayName)?.Value ?? "",
                Note = ChannelName(channel),
            });
            return e;
        }

        /// <summary>The caller and (for hand-overs) the order, with the phone encrypted and masked.</summary>
        internal EventIntakeDetails ContactDetails(Guid eventId, string? name, string? phone, string? orderNo, DateTime? receivedAt)
        {
            var normalised = ContactPhones.Normalise(phone);
            return new EventIntakeDetails
            {
                EventId = eventId,
                ContactName = string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
                ContactPhoneProtected = normalised is null ? null : phones.Protect(normalised),
                ContactPhoneMasked = normalised is null ? null : ContactPhones.Mask(normalised),
                ExternalOrderNo = orderNo,
                ExternalReceivedAt = receivedAt,
            };
        }

        /// <summary>The grid with its community, as a location without coordinates.</summary>
        internal GridLocation? GridById(Guid gridId)
        {
            if (!orgs.Exists(new OrgUnitRef(OrgUnitKind.Grid, gridId)))
            {
                return null;
            }

            foreach (var community in territory.Communities)
            {
                if (territory.GridsOf(community.Id).FirstOrDefault(g => g.Id == gridId) is { } grid)
                {
                    return new GridLocation(grid.Id, grid.Name, community.Id, community.Name, GridMatch.Inside, 0);
                }
            }

            return null;
        }

        private async Task<Outcome?> FindReplayAsync(Guid? userId, string key, string hash, CancellationToken ct)
        {
            var existing = await Db.Set<Event>().AsNoTracking().Include(x => x.Timeline)
                .SingleOrDefaultAsync(x => x.CreatedByUserId == userId && x.IdempotencyKey == key, ct);
            if (existing is null)
            {
                return null;
            }

            var photos = existing.IdempotencyHash == hash
                ? await EventPhotos.OfEventAsync(Db, existing.Id, existing.Timeline.Select(t => t.Id), ct)
                : [];
            return existing.IdempotencyHash == hash
                ? new(EventDto.From(existing, orgs, existing.Timeline, photos: photos), true, null, null)
                : new(null, false, null, "该幂等键（Idempotency-Key）已用于另一份不同的上报内容。");
        }

        /// <param name="check">Also ask the database. Bulk import does (one collision would fail all its rows), and so does
        /// a retry after the unique index refused a code; single intake trusts <see cref="TrackingCodes"/>.</param>
        private async Task<string> NewTrackingCodeAsync(DateTime now, CancellationToken ct, bool check)
        {
            var chinaDate = DateOnly.FromDateTime(now.AddHours(8));
            while (true)
            {
                var code = TrackingCodes.Draw(chinaDate);
                if (!_issuedCodes.Contains(code)
                    && await trackingCodes.TryClaimAsync(chinaDate, code, ct)
                    && !(check && await Db.Set<Event>().AnyAsync(x => x.TrackingCode == code, ct)))
                {
                    _issuedCodes.Add(code);
                    return code;
                }
            }
        }
    }

    public static Dictionary<string, string[]> Validate(Request body, string? key, int photoFiles = 0)
    {
        var errors = new Dictionary<string, string[]>();
        var description = body.Description?.Trim() ?? "";
        if (description.Length < MinDescription)
        {
            errors["description"] = [$"请描述发生了什么（至少 {MinDescription} 个字）。"];
        }
        else if (description.Length > MaxDescription)
        {
            errors["description"] = [$"描述不能超过 {MaxDescription} 个字。"];
        }

        if (body.Latitude is null != body.Longitude is null)
        {
            errors[body.Latitude is null ? "latitude" : "longitude"] = ["经纬度须同时提供。"];
        }
        else if (body.Latitude is { } lat && body.Longitude is { } lng)
        {
            if (!GeoCoordinates.IsValidLatitude(lat))
            {
                errors["latitude"] = ["纬度须在 -90 到 90 之间。"];
            }

            if (!GeoCoordinates.IsValidLongitude(lng))
            {
                errors["longitude"] = ["经度须在 -180 到 180 之间。"];
            }
        }
        else if (string.IsNullOrWhiteSpace(body.Address) && body.GridId is null)
        {
            errors["latitude"] = ["请在地图上选择位置，或填写地址。"];
        }

        if (body.Address is { Length: > 200 })
        {
            errors["address"] = ["地址不能超过 200 个字。"];
        }

        if (photoFiles + (body.PhotoIds?.Count ?? 0) > EventPhotos.MaxPerItem)
        {
            errors[photoFiles > 0 ? "photos" : "photoIds"] = [$"最多上传 {EventPhotos.MaxPerItem} 张照片。"];
        }

        if (body.ContactName is { Length: > MaxContactName })
        {
            errors["contactName"] = [$"联系人姓名不能超过 {MaxContactName} 个字。"];
        }

        if (!string.IsNullOrWhiteSpace(body.ContactPhone) && ContactPhones.Normalise(body.ContactPhone) is null)
        {
            errors["contactPhone"] = ["联系电话格式不正确，请填写 7 到 15 位数字，例如 13812345678 或 0510-87654321。"];
        }

        if (key is not null && (key.Length is 0 or > MaxIdempotencyKey || key.Any(char.IsControl)))
        {
            errors["Idempotency-Key"] = [$"Idempotency-Key 须为 1 到 {MaxIdempotencyKey} 个可见字符。"];
        }

        return errors;
    }

    /// <summary>Residents report as residents; grid workers on patrol; other staff record walk-ins, calls and hand-overs.</summary>
    public static EventChannel? ChannelFor(ClaimsPrincipal user, EventChannel? requested)
    {
        if (user.IsInRole(Roles.Resident))
        {
            return requested is null or EventChannel.Resident ? EventChannel.Resident : null;
        }

        var fallback = user.IsInRole(Roles.GridWorker) ? EventChannel.Patrol : EventChannel.WalkIn;
        return requested switch
        {
            null => fallback,
            EventChannel.Resident => null,
            EventChannel.Patrol when !user.IsInRole(Roles.GridWorker) => null,
            _ => requested,
        };
    }

    public static string ChannelName(EventChannel channel) => channel switch
    {
        EventChannel.Resident => "居民上报",
        EventChannel.Patrol => "网格员巡查发现",
        EventChannel.WalkIn => "来访登记",
        EventChannel.Phone => "来电登记",
        EventChannel.Hotline12345 => "12345 热线转办",
        _ => "其他平台",
    };

    private static string Hash(Request body) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body with { Description = body.Description?.Trim() })));

    public static RouteHandlerBuilder Map(RouteGroupBuilder events) =>
        events.MapPost("/", async Task<Results<Created<EventDto>, ValidationProblem, ProblemHttpResult>> (
                Request body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(new Command(body, idempotencyKey, user, Grouped: true), ct);
                if (outcome.Errors is { } errors)
                {
                    return TypedResults.ValidationProblem(errors, title: "提交的数据有误");
                }

                if (outcome.Conflict is { } conflict)
                {
                    return Problems.Conflict(conflict);
                }

                return TypedResults.Created($"/api/v1/events/{outcome.Event!.Id}", outcome.Event);
            })
            .WithName("Events.ReportEvent");
}
