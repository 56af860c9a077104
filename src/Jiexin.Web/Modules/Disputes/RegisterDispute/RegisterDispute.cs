using System.Security.Claims;
using System.Security.Cryptography;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Disputes.Shared;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Registry.Contracts;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Jiexin.Platform.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.RegisterDispute;

/// <summary>
/// 前台统一受理: every channel's dispute intake (walk-in, phone, resident H5, court pre-litigation referral, 12345,
/// an event converted into a dispute) into one case with its parties. Party ID numbers and phones are encrypted with a
/// blind index; the blind index finds repeat parties for the risk rules.
/// </summary>
public static class RegisterDispute
{
    public const int MinDescription = 5;
    public const int MaxDescription = 4000;
    public const int MaxParties = 50;
    public const int MaxIdempotencyKey = 100;

    public sealed record PartyRequest(string? Name, PartyRole? Role, string? IdNumber = null, string? Phone = null, bool? IsOrganisation = null);

    public sealed record Request(
        string? Description,
        string? DisputeType,
        IReadOnlyList<PartyRequest>? Parties,
        decimal? Amount = null,
        int? PeopleCount = null,
        DisputeUrgency? Urgency = null,
        DisputeChannel? Channel = null,
        Guid? CommunityId = null,
        Guid? GridId = null,
        string? Address = null,
        Guid? EventId = null,
        string? ExternalReference = null,
        Guid? AddressId = null,
        Guid? HouseId = null,
        IReadOnlyList<Guid>? EvidenceIds = null,
        bool? VulnerablePeople = null);

    public sealed record Registered(Guid Id, string CaseNumber, DisputeStatus Status);

    public sealed record Outcome(Registered? Dispute, IDictionary<string, string[]>? Errors = null, string? Conflict = null, Guid? ExistingId = null, bool Replayed = false)
    {
        public static Outcome Invalid(string field, string message) => new(null, new Dictionary<string, string[]> { [field] = [message] });
    }

    public sealed class Handler(
        JiexinDbContext db,
        PartyData partyData,
        ITerritoryLookup territory,
        IOrgDirectory orgs,
        IEventLinks events,
        IRegistryLookup registry,
        TimeProvider clock)
    {
        /// <param name="idempotencyKey">The client's key for this submission (API <c>Idempotency-Key</c>, the resident form's
        /// token): the same key from the same account returns the case the first attempt created instead of a second one.</param>
        public async Task<Outcome> Handle(Request body, ClaimsPrincipal user, CancellationToken ct, string? idempotencyKey = null)
        {
            var isResident = user.IsInRole(Roles.Resident) && !DisputeAccess.IsStaff(user);
            if (!isResident && !DisputeAccess.IsStaff(user))
            {
                return Outcome.Invalid("user", "您的账号不能登记纠纷。");
            }

            if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > MaxIdempotencyKey || idempotencyKey.Any(char.IsControl)))
            {
                return Outcome.Invalid("Idempotency-Key", $"Idempotency-Key 须为 1 到 {MaxIdempotencyKey} 个可见字符。");
            }

            var hash = idempotencyKey is null ? null : Hash(body);
            if (idempotencyKey is not null && await FindReplayAsync(user.GetUserId(), idempotencyKey, hash!, ct) is { } replay)
            {
                return replay;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var errors = new Dictionary<string, string[]>();
            void Error(string field, string message) => errors.TryAdd(field, [message]);

            var description = body.Description?.Trim() ?? "";
            if (description.Length < MinDescription)
            {
                Error("description", $"请描述纠纷情况（至少 {MinDescription} 个字）。");
            }
            else if (description.Length > MaxDescription)
            {
                Error("description", $"纠纷描述不能超过 {MaxDescription} 个字。");
            }

            var type = await FindTypeAsync(body.DisputeType, ct);
            if (type is null)
            {
                Error("disputeType", string.IsNullOrWhiteSpace(body.DisputeType) ? "请选择纠纷类型。" : "纠纷类型不存在或已停用。");
            }

            var channel = body.Channel ?? (isResident ? DisputeChannel.ResidentH5 : body.EventId is null ? DisputeChannel.WalkIn : DisputeChannel.Event);
            if (isResident && channel != DisputeChannel.ResidentH5)
            {
                Error("channel", "居民只能通过线上渠道提交纠纷。");
            }
            else if (!isResident && channel == DisputeChannel.ResidentH5)
            {
                Error("channel", "“居民线上”渠道只能由居民本人提交。");
            }
            else if (channel == DisputeChannel.Event && body.EventId is null)
            {
                Error("eventId", "事件转入须指明事件。");
            }

            if (body.Amount is < 0 or > 100_000_000_000m)
            {
                Error("amount", "涉及金额应为不小于 0 的数。");
            }

            if (body.PeopleCount is < 1 or > 100_000)
            {
                Error("peopleCount", "涉及人数应在 1 到 100000 之间。");
            }

            if (body.Address?.Trim().Length > 200)
            {
                Error("address", "地址不能超过 200 个字。");
            }

            if (body.ExternalReference?.Trim().Length > 64)
            {
                Error("externalReference", "来源编号不能超过 64 个字符。");
            }

            var parties = ReadParties(body.Parties, now, Error);

            // Place: a community (and optionally one of its grids); an event brings its own.
            var (communityId, gridId) = (body.CommunityId, body.GridId);
            if (communityId is { } cid && territory.Communities.All(c => c.Id != cid))
            {
                Error("communityId", "所选村社区不存在。");
            }

            if (gridId is { } gid)
            {
                if (!orgs.Exists(new OrgUnitRef(OrgUnitKind.Grid, gid)) || (communityId is { } owner && territory.GridsOf(owner).All(g => g.Id != gid)))
                {
                    Error("gridId", "所选网格不存在或不属于该村社区。");
                }
                else
                {
                    communityId ??= territory.Communities.FirstOrDefault(c => territory.GridsOf(c.Id).Any(g => g.Id == gid))?.Id;
                }
            }

            // The registry's address / house (staff only: residents give a written address).
            RegistryLinks.DisputePlace.Resolved? place = null;
            if (body.AddressId is not null || body.HouseId is not null)
            {
                if (isResident)
                {
                    Error(body.HouseId is not null ? "houseId" : "addressId", "居民提交时不能关联基础数据，请填写地址。");
                }
                else
                {
                    place = await RegistryLinks.DisputePlace.ResolveAsync(registry, body.AddressId, body.HouseId, Error, ct);
                }
            }

            LinkedEvent? linked = null;
            if (body.EventId is { } eventId && errors.Count == 0)
            {
                linked = isResident ? null : await events.FindVisibleAsync(eventId, user, ct);
                if (linked is null)
                {
                    Error("eventId", "事件不存在或不在您的管辖范围内。");
                }
                else if (await db.Set<Dispute>().AsNoTracking().Where(d => d.EventId == eventId).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct) is { } existing)
                {
                    return new(null, Conflict: "该事件已转为矛盾纠纷。", ExistingId: existing);
                }
                else
                {
                    gridId ??= linked.GridId;
                    communityId ??= linked.CommunityId;
                }
            }

            // Placed by the registry record when nothing else placed it.
            if (place is not null && communityId is null && gridId is null)
            {
                gridId = place.House?.GridId ?? place.Address?.GridId;
                communityId = place.House?.CommunityId ?? place.Address?.CommunityId;
            }

            var userId = user.GetUserId();
            var (evidence, evidenceError) = await Evidence.DisputeEvidence.Uploads.FindAsync(db, body.EvidenceIds, userId, ct);
            if (evidenceError is not null)
            {
                Error("evidenceIds", evidenceError);
            }

            if (errors.Count > 0)
            {
                return new(null, errors);
            }

            var id = Guid.CreateVersion7(now);
            if (isResident && !parties.Any(p => p.UserId == userId))
            {
                // The resident filing it is the (first) applicant: they follow their own case.
                (parties.FirstOrDefault(p => p.Role == PartyRole.Applicant) ?? parties[0]).UserId = userId;
            }

            await LinkResidentAccountsAsync(parties, ct);
            await LinkRegistryPeopleAsync(parties, body.Parties!, ct);
            var repeats = await CountRepeatsAsync(parties, now, ct);
            var peopleCount = body.PeopleCount ?? Math.Max(1, parties.Count(p => !p.IsOrganisation));
            var urgency = body.Urgency ?? DisputeUrgency.Normal;
            var (risk, reasons) = DisputeRules.Assess(description, peopleCount, body.Amount, urgency, repeats, body.VulnerablePeople == true);

            var actorName = user.FindFirst(JiexinClaims.DisplayName)?.Value ?? "";
            var dispute = new Dispute
            {
                Id = id,
                CaseNumber = NewCaseNumber(now),
                Channel = channel,
                Description = description,
                TypeCode = type!.Code,
                TypeName = type.Name,
                Amount = body.Amount,
                PeopleCount = peopleCount,
                IsGroup = DisputeRules.IsGroup(peopleCount),
                Urgency = urgency,
                Risk = risk,
                RiskReasons = reasons.Count == 0 ? null : string.Join("；", reasons),
                CommunityId = communityId,
                GridId = gridId,
                Address = string.IsNullOrWhiteSpace(body.Address) ? linked?.Address ?? place?.Address?.Label : body.Address.Trim(),
                RegistryAddressId = place?.AddressId,
                RegistryHouseId = place?.House?.Id,
                EventId = linked?.Id,
                ExternalReference = string.IsNullOrWhiteSpace(body.ExternalReference) ? null : body.ExternalReference.Trim(),
                Status = DisputeStatus.Received,
                CreatedByUserId = userId,
                ReporterUserId = isResident ? userId : null,
                IdempotencyKey = idempotencyKey,
                IdempotencyHash = hash,
                CreatedAt = now,
                UpdatedAt = now,
            };
            foreach (var (party, index) in parties.Select((p, i) => (p, i)))
            {
                party.DisputeId = id;
                party.SortOrder = index;
                dispute.Parties.Add(party);
            }

            dispute.Timeline.Add(new DisputeTimelineEntry
            {
                Id = Guid.CreateVersion7(now),
                DisputeId = id,
                At = now,
                Action = DisputeDto.RegisterAction,
                ToStatus = DisputeStatus.Received,
                ActorUserId = userId,
                ActorName = actorName,
                Note = linked is null ? DisputeRules.ChannelName(channel) : $"由事件 {linked.TrackingCode} 转入",
            });
            if (evidence is { Count: > 0 })
            {
                // Its own step, a millisecond after the registration (PostgreSQL keeps microseconds), so the timeline reads in order.
                Evidence.DisputeEvidence.Uploads.Attach(db, evidence, id);
                Evidence.DisputeEvidence.Record(dispute, evidence, user, now.AddMilliseconds(1));
            }

            db.Add(dispute);
            if (linked is not null)
            {
                await events.NoteLinkAsync(linked.Id, "ConvertToDispute", $"已转为矛盾纠纷 {dispute.CaseNumber}，由矛调中心受理", userId, actorName, now, ct);
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (idempotencyKey is not null)
            {
                // Two submissions with one key raced: the unique index let the first in; answer with its case.
                db.ChangeTracker.Clear();
                return await FindReplayAsync(userId, idempotencyKey, hash!, ct) ?? throw new InvalidOperationException("The idempotent submission could not be saved.");
            }

            return new(new Registered(dispute.Id, dispute.CaseNumber, dispute.Status));
        }

        private async Task<Outcome?> FindReplayAsync(Guid? userId, string key, string hash, CancellationToken ct)
        {
            var existing = await db.Set<Dispute>().AsNoTracking()
                .Where(d => d.CreatedByUserId == userId && d.IdempotencyKey == key)
                .Select(d => new { d.Id, d.CaseNumber, d.Status, d.IdempotencyHash })
                .SingleOrDefaultAsync(ct);
            return existing is null ? null
                : existing.IdempotencyHash == hash ? new(new Registered(existing.Id, existing.CaseNumber, existing.Status), Replayed: true)
                : new(null, Conflict: "该幂等键（Idempotency-Key）已用于另一份不同的纠纷登记。", ExistingId: existing.Id);
        }

        private static string Hash(Request body) =>
            Convert.ToHexString(SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body with { Description = body.Description?.Trim() })));

        private List<DisputeParty> ReadParties(IReadOnlyList<PartyRequest>? requested, DateTime now, Action<string, string> error)
        {
            var parties = new List<DisputeParty>();
            if (requested is not { Count: > 0 })
            {
                error("parties", "请至少填写一名当事人（申请人）。");
                return parties;
            }

            if (requested.Count > MaxParties)
            {
                error("parties", $"当事人不能超过 {MaxParties} 名。");
                return parties;
            }

            var today = DateOnly.FromDateTime(now.AddHours(8));
            for (var i = 0; i < requested.Count; i++)
            {
                var p = requested[i];
                var name = p?.Name?.Trim() ?? "";
                if (name.Length is 0 or > 100)
                {
                    error($"parties[{i}].name", "请填写当事人姓名或单位名称（不超过 100 字）。");
                    continue;
                }

                if (p!.Role is null)
                {
                    error($"parties[{i}].role", "请选择当事人身份（申请人或被申请人）。");
                    continue;
                }

                var party = new DisputeParty { Id = Guid.CreateVersion7(now), Name = name, Role = p.Role.Value, IsOrganisation = p.IsOrganisation == true };
                if (ChineseIdNumber.Normalise(p.IdNumber) is { } idNumber)
                {
                    // Organisations carry a 统一社会信用代码 (18 characters) instead of a resident ID.
                    var problem = party.IsOrganisation
                        ? idNumber.Length == 18 && idNumber.All(char.IsAsciiLetterOrDigit) ? null : "统一社会信用代码应为 18 位字母或数字。"
                        : ChineseIdNumber.Validate(idNumber, today);
                    if (problem is not null)
                    {
                        error($"parties[{i}].idNumber", problem);
                        continue;
                    }

                    partyData.SetIdNumber(party, idNumber);
                }

                if (!string.IsNullOrWhiteSpace(p.Phone))
                {
                    if (PartyData.NormalisePhone(p.Phone) is not { } phone)
                    {
                        error($"parties[{i}].phone", "联系电话格式不正确（手机号 11 位，固话需带区号）。");
                        continue;
                    }

                    partyData.SetPhone(party, phone);
                }

                parties.Add(party);
            }

            if (parties.Count == requested.Count && parties.All(p => p.Role != PartyRole.Applicant))
            {
                error("parties", "请至少填写一名申请人。");
            }

            return parties;
        }

        /// <summary>A party whose mobile is a resident account's number follows the case on the H5 page.</summary>
        private async Task LinkResidentAccountsAsync(List<DisputeParty> parties, CancellationToken ct)
        {
            var unlinked = parties.Where(p => p.UserId is null && p.PhoneCipher is not null).ToList();
            if (unlinked.Count == 0)
            {
                return;
            }

            var residents = await db.Set<JiexinUser>().AsNoTracking()
                .Where(u => u.OrgUnitKind == null && u.PhoneNumber != null)
                .Select(u => new { u.Id, u.PhoneNumber })
                .ToListAsync(ct);
            foreach (var resident in residents)
            {
                if (MobileNumber.Normalise(resident.PhoneNumber) is { } mobile
                    && unlinked.FirstOrDefault(p => p.PhoneIndex == partyData.PhoneIndex(mobile)) is { } party)
                {
                    party.UserId = resident.Id;
                }
            }
        }

        /// <summary>A party with the ID number of a registered person is linked to them: the person's page lists the case.</summary>
        private async Task LinkRegistryPeopleAsync(List<DisputeParty> parties, IReadOnlyList<PartyRequest> requested, CancellationToken ct)
        {
            // Without field errors, ReadParties made exactly one party per request, in order.
            foreach (var (party, request) in parties.Zip(requested))
            {
                if (ChineseIdNumber.Normalise(request.IdNumber) is { } idNumber && await registry.FindPersonByIdNumberAsync(idNumber, ct) is { } person)
                {
                    party.RegistryPersonId = person.Id;
                }
            }
        }

        /// <summary>Other disputes of the past year with a party of the same ID number or phone (重复纠纷).</summary>
        private async Task<int> CountRepeatsAsync(List<DisputeParty> parties, DateTime now, CancellationToken ct)
        {
            var ids = parties.Select(p => p.IdNumberIndex).OfType<string>().ToArray();
            var phones = parties.Select(p => p.PhoneIndex).OfType<string>().ToArray();
            if (ids.Length == 0 && phones.Length == 0)
            {
                return 0;
            }

            var since = now.AddYears(-1);
            return await db.Set<DisputeParty>().AsNoTracking()
                .Where(p => (p.IdNumberIndex != null && Enumerable.Contains(ids, p.IdNumberIndex)) || (p.PhoneIndex != null && Enumerable.Contains(phones, p.PhoneIndex)))
                .Join(db.Set<Dispute>().Where(d => d.CreatedAt >= since), p => p.DisputeId, d => d.Id, (p, d) => d.Id)
                .Distinct()
                .CountAsync(ct);
        }

        private async Task<DisputeType?> FindTypeAsync(string? value, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            var v = value.Trim();
            var withSuffix = v.EndsWith("纠纷", StringComparison.Ordinal) ? v[..^2] : v;
            return await db.Set<DisputeType>().AsNoTracking()
                .FirstOrDefaultAsync(t => t.IsActive && (t.Code == v || t.Name == v || t.Name == withSuffix), ct);
        }

        private static string NewCaseNumber(DateTime now)
        {
            var china = now.AddHours(8);
            return $"TJ{china:yyMMdd}{RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 5)}";
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder disputes) =>
        disputes.MapPost("/", async Task<Results<Created<Registered>, ValidationProblem, ProblemHttpResult>> (
                Request body, [Microsoft.AspNetCore.Mvc.FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(body, user, ct, idempotencyKey);
                if (outcome.Errors is { } errors)
                {
                    return errors.ContainsKey("user")
                        ? TypedResults.Problem(detail: errors["user"][0], statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(403))
                        : TypedResults.ValidationProblem(errors, title: "提交的数据有误");
                }

                if (outcome.Conflict is { } conflict)
                {
                    return TypedResults.Problem(detail: conflict, statusCode: StatusCodes.Status409Conflict, title: Problems.TitleFor(409),
                        extensions: new Dictionary<string, object?> { ["existingId"] = outcome.ExistingId });
                }

                return TypedResults.Created($"/api/v1/disputes/{outcome.Dispute!.Id}", outcome.Dispute);
            })
            .WithName("Disputes.RegisterDispute");
}
