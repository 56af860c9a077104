using System.Security.Claims;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Jiexin.Platform.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.Verification;

/// <summary>
/// 核查 campaigns: the command centre starts one; every located person becomes an item of their grid's task; the grid
/// worker confirms, corrects or marks moved-out on site with the phone's position; progress per grid for the campaign.
/// </summary>
public static class Verification
{
    public sealed record StartRequest(string? Name, DateOnly? DueOn);

    public sealed record Started(Guid Id, int Items, int Grids);

    public sealed record CampaignRow(Guid Id, string Name, DateOnly DueOn, DateTime CreatedAt, int Total, int Done, DateTime? ClosedAt);

    public sealed record GridProgress(Guid GridId, string? GridName, string? CommunityName, int Total, int Confirmed, int Corrected, int MovedOut, int Pending,
        double VerifiedShare, double CorrectedShare, bool Overdue, int Added = 0, int AwaitingReview = 0);

    public sealed record Progress(Guid Id, string Name, DateOnly DueOn, IReadOnlyList<GridProgress> Grids, int Total, int Done);

    public sealed record TaskItem(Guid Id, Guid CampaignId, string CampaignName, DateOnly DueOn, Guid PersonId, string Name, string? IdNumber, string? Phone,
        ResidenceType ResidenceType, string? Address, int Version);

    public sealed record VerifyRequest(VerificationOutcome? Outcome, int? Version, double? Latitude, double? Longitude, string? Phone, ResidenceType? ResidenceType, string? Note);

    public sealed record VerifyResult(bool Done, bool NotFound = false, string? Conflict = null, IDictionary<string, string[]>? Errors = null);

    /// <summary>新增: a person found on site who is not in the registry, entered into this campaign for the community to approve.</summary>
    public sealed record AddRequest
    {
        public string? Name { get; init; }

        public string? IdNumber { get; init; }

        public string? Phone { get; init; }

        public ResidenceType? ResidenceType { get; init; }

        public string? Note { get; init; }

        public double? Latitude { get; init; }

        public double? Longitude { get; init; }
    }

    public sealed record Added(Guid ItemId, Guid PersonId);

    /// <summary>China calendar "today", for due dates.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));

    public sealed class Handler(
        JiexinDbContext db, RegistryScope scope, TerritoryNames names, PersonalDataSealer sealer, IGridLocator locator, CreatePerson.CreatePerson.Handler create,
        TimeProvider clock)
    {
        public async Task<(Started? Value, IDictionary<string, string[]>? Errors)> StartAsync(StartRequest r, ClaimsPrincipal user, CancellationToken ct)
        {
            var name = r.Name?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > 100)
            {
                return (null, new Dictionary<string, string[]> { ["name"] = ["请填写核查名称（最多 100 字），如“2026 年第四季度人口核查”。"] });
            }

            if (r.DueOn is not { } due || due < Today(clock))
            {
                return (null, new Dictionary<string, string[]> { ["dueOn"] = ["请填写不早于今天的截止日期。"] });
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var campaign = new VerificationCampaign { Id = Guid.CreateVersion7(now), Name = name, DueOn = due, CreatedAt = now, CreatedBy = user.GetUserId() };
            db.Add(campaign);
            var people = await db.Set<Person>().AsNoTracking().Where(p => p.GridId != null && p.MovedOutAt == null)
                .Select(p => new { p.Id, p.CommunityId, p.GridId }).ToListAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.AddRange(people.Select(p => new VerificationItem
            {
                Id = Guid.CreateVersion7(now), CampaignId = campaign.Id, PersonId = p.Id, CommunityId = p.CommunityId, GridId = p.GridId,
                Outcome = VerificationOutcome.Pending,
            }));
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return (new Started(campaign.Id, people.Count, people.Select(p => p.GridId).Distinct().Count()), null);
        }

        public async Task<IReadOnlyList<CampaignRow>> ListAsync(ClaimsPrincipal user, CancellationToken ct)
        {
            var filter = scope.FilterFor(user);
            var items = db.Set<VerificationItem>().AsNoTracking().InScope(filter);
            return await db.Set<VerificationCampaign>().AsNoTracking().OrderByDescending(c => c.CreatedAt).Take(50)
                .Select(c => new CampaignRow(c.Id, c.Name, c.DueOn, c.CreatedAt,
                    items.Count(i => i.CampaignId == c.Id), items.Count(i => i.CampaignId == c.Id && i.Outcome != VerificationOutcome.Pending), c.ClosedAt))
                .ToListAsync(ct);
        }

        public async Task<Progress?> ProgressAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var campaign = await db.Set<VerificationCampaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
            if (campaign is null)
            {
                return null;
            }

            var counts = await db.Set<VerificationItem>().AsNoTracking().InScope(scope.FilterFor(user)).Where(i => i.CampaignId == id)
                .GroupBy(i => new { i.GridId, i.CommunityId, i.Outcome, i.Review })
                .Select(g => new { g.Key.GridId, g.Key.CommunityId, g.Key.Outcome, g.Key.Review, Count = g.Count() })
                .ToListAsync(ct);
            var overdue = Today(clock) > campaign.DueOn;
            var grids = counts.GroupBy(c => (c.GridId, c.CommunityId)).Select(g =>
            {
                int Of(VerificationOutcome o) => g.Where(x => x.Outcome == o).Sum(x => x.Count);
                var total = g.Sum(x => x.Count);
                var pending = Of(VerificationOutcome.Pending);
                return new GridProgress(g.Key.GridId!.Value, names.Of(g.Key.GridId), names.Of(g.Key.CommunityId), total, Of(VerificationOutcome.Confirmed),
                    Of(VerificationOutcome.Corrected), Of(VerificationOutcome.MovedOut), pending,
                    total == 0 ? 0 : Math.Round((total - pending) / (double)total, 4),
                    total == pending ? 0 : Math.Round(Of(VerificationOutcome.Corrected) / (double)(total - pending), 4),
                    overdue && pending > 0, Of(VerificationOutcome.Added), g.Where(x => x.Review == VerificationReview.Pending).Sum(x => x.Count));
            }).OrderBy(g => g.CommunityName).ThenBy(g => g.GridName).ToList();
            return new Progress(campaign.Id, campaign.Name, campaign.DueOn, grids, grids.Sum(g => g.Total), grids.Sum(g => g.Total - g.Pending));
        }

        /// <summary>The grid worker's checklist: pending items of open campaigns in the grids they may act on.</summary>
        public async Task<IReadOnlyList<TaskItem>> MyTasksAsync(ClaimsPrincipal user, CancellationToken ct)
        {
            var filter = scope.FilterFor(user);
            var rows = await db.Set<VerificationItem>().AsNoTracking().InScope(filter).Where(i => i.Outcome == VerificationOutcome.Pending)
                .Join(db.Set<VerificationCampaign>().Where(c => c.ClosedAt == null), i => i.CampaignId, c => c.Id, (i, c) => new { Item = i, Campaign = c })
                .Join(db.Set<Person>(), x => x.Item.PersonId, p => p.Id, (x, p) => new { x.Item, x.Campaign, Person = p })
                .OrderBy(x => x.Campaign.DueOn).ThenBy(x => x.Person.Name).Take(500)
                .Select(x => new
                {
                    x.Item, x.Campaign.Name, x.Campaign.DueOn, x.Person,
                    Address = db.Set<StandardAddress>().Where(a => a.Id == x.Person.AddressId).Select(a => a.Label).FirstOrDefault(),
                })
                .ToListAsync(ct);
            return [.. rows.Select(r => new TaskItem(r.Item.Id, r.Item.CampaignId, r.Name, r.DueOn, r.Person.Id, r.Person.Name, r.Person.IdNumberMasked,
                r.Person.PhoneMasked, r.Person.ResidenceType, r.Address, r.Item.Version))];
        }

        /// <summary>Confirm, correct (phone, residence type) or mark moved out, with the position; the correction kept as a diff.</summary>
        public async Task<VerifyResult> VerifyAsync(Guid itemId, VerifyRequest r, ClaimsPrincipal user, CancellationToken ct)
        {
            var item = await db.Set<VerificationItem>().SingleOrDefaultAsync(i => i.Id == itemId, ct);
            if (item is null || !scope.CanSee(user, item))
            {
                return new VerifyResult(false, NotFound: true);
            }

            var errors = new Dictionary<string, string[]>();
            if (r.Outcome is not ({ } outcome and not VerificationOutcome.Pending and not VerificationOutcome.Added))
            {
                errors["outcome"] = ["请选择核查结果：Confirmed、Corrected 或 MovedOut（新增人员请用“新增”）。"];
                return new VerifyResult(false, Errors: errors);
            }

            CheckPosition(r.Latitude, r.Longitude, errors);

            string? phone = null;
            if (outcome == VerificationOutcome.Corrected && !string.IsNullOrWhiteSpace(r.Phone) && (phone = MobileNumber.Normalise(r.Phone)) is null)
            {
                errors["phone"] = ["手机号码格式不正确（11 位，以 13–19 开头）。"];
            }

            if (r.Note is { Length: > 500 })
            {
                errors["note"] = ["备注不能超过 500 个字。"];
            }

            if (errors.Count > 0)
            {
                return new VerifyResult(false, Errors: errors);
            }

            if (item.Outcome != VerificationOutcome.Pending || (r.Version is { } v && v != item.Version))
            {
                return new VerifyResult(false, Conflict: "该记录已核查过，请刷新清单。");
            }

            var person = await db.Set<Person>().SingleAsync(p => p.Id == item.PersonId, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var diff = new Dictionary<string, object?>();
            if (outcome == VerificationOutcome.Corrected)
            {
                // Proposed, not applied: the community approves the change before the record moves (审核).
                if (phone is not null && person.PhoneIndex != sealer.PhoneIndex(phone))
                {
                    diff["phone"] = new { old = person.PhoneMasked, @new = PersonalDataMask.Phone(phone) };
                    item.ProposedPhoneCipher = sealer.SealPhone(phone);
                }

                if (r.ResidenceType is { } residence && residence != person.ResidenceType)
                {
                    diff["residenceType"] = new { old = person.ResidenceType.ToString(), @new = residence.ToString() };
                    item.ProposedResidenceType = residence;
                }

                if (diff.Count == 0)
                {
                    outcome = VerificationOutcome.Confirmed;
                }
            }

            if (outcome == VerificationOutcome.Confirmed)
            {
                person.VerifiedAt = now;
                person.UpdatedAt = now;
                item.Review = VerificationReview.NotNeeded;
            }
            else
            {
                item.Review = VerificationReview.Pending;
            }

            item.Outcome = outcome;
            Stamp(item, user, now, r.Latitude, r.Longitude, r.Note);
            item.Changes = diff.Count == 0 ? null : JsonSerializer.Serialize(diff);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new VerifyResult(false, Conflict: "该记录已被他人核查或修改，请刷新清单。");
            }

            return new VerifyResult(true);
        }

        /// <summary>
        /// 新增 on site: the person is registered in the grid worker's grid with an <see cref="VerificationOutcome.Added"/>
        /// item of this campaign, in one transaction, and waits for the community's approval (a rejection removes them).
        /// </summary>
        public async Task<(Added? Value, VerifyResult? Refused)> AddAsync(Guid campaignId, AddRequest r, ClaimsPrincipal user, CancellationToken ct)
        {
            var campaign = await db.Set<VerificationCampaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct);
            if (campaign is null || campaign.ClosedAt is not null)
            {
                return (null, new VerifyResult(false, NotFound: true));
            }

            var errors = new Dictionary<string, string[]>();
            CheckPosition(r.Latitude, r.Longitude, errors);
            if (r.Note is { Length: > 500 })
            {
                errors["note"] = ["备注不能超过 500 个字。"];
            }

            var (person, refused) = await create.BuildAsync(
                new PersonFields { Name = r.Name, IdNumber = r.IdNumber, Phone = r.Phone, ResidenceType = r.ResidenceType }, user, ct);
            if (refused?.Errors is { } fieldErrors)
            {
                foreach (var (field, messages) in fieldErrors)
                {
                    errors[field] = messages;
                }
            }

            if (errors.Count > 0)
            {
                return (null, new VerifyResult(false, Errors: errors));
            }

            if (person is null)
            {
                return (null, new VerifyResult(false, Conflict: refused?.Conflict ?? CreatePerson.CreatePerson.DuplicateIdNumber));
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var item = new VerificationItem
            {
                Id = Guid.CreateVersion7(now), CampaignId = campaign.Id, PersonId = person.Id, CommunityId = person.CommunityId, GridId = person.GridId,
                Outcome = VerificationOutcome.Added, Review = VerificationReview.Pending,
            };
            Stamp(item, user, now, r.Latitude, r.Longitude, r.Note);
            db.Add(person);
            db.Add(item);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                return (null, new VerifyResult(false, Conflict: CreatePerson.CreatePerson.DuplicateIdNumber));
            }

            return (new Added(item.Id, person.Id), null);
        }

        /// <summary>The open campaigns a grid worker may add people to (the newest first): not closed, due at most 30 days ago.</summary>
        public async Task<IReadOnlyList<CampaignRow>> OpenCampaignsAsync(ClaimsPrincipal user, CancellationToken ct) =>
            [.. (await ListAsync(user, ct)).Where(c => c.ClosedAt is null && c.DueOn >= Today(clock).AddDays(-30))];

        private void CheckPosition(double? latitude, double? longitude, Dictionary<string, string[]> errors)
        {
            if (latitude is { } lat && longitude is { } lng)
            {
                if (!GeoCoordinates.IsValidLatitude(lat) || !GeoCoordinates.IsValidLongitude(lng))
                {
                    errors["latitude"] = ["位置不正确。"];
                }
                else if (locator.Locate(lat, lng) is null)
                {
                    errors["latitude"] = ["该位置不在本街道范围内，请到现场核查。"];
                }
            }
        }

        private static void Stamp(VerificationItem item, ClaimsPrincipal user, DateTime now, double? latitude, double? longitude, string? note)
        {
            item.VerifiedAt = now;
            item.VerifiedBy = user.GetUserId();
            item.VerifiedByName = user.FindFirst(JiexinClaims.DisplayName)?.Value ?? user.Identity?.Name;
            item.Latitude = latitude;
            item.Longitude = longitude;
            item.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        }
    }

    public static void Map(RouteGroupBuilder registry)
    {
        var verification = registry.MapGroup("/verification");
        var campaigns = verification.MapGroup("/campaigns");
        campaigns.MapPost("/", async Task<Results<Created<Started>, ValidationProblem>> (StartRequest body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var (value, errors) = await handler.StartAsync(body, user, ct);
                return value is not null
                    ? TypedResults.Created($"/api/v1/registry/verification/campaigns/{value.Id}", value)
                    : TypedResults.ValidationProblem(errors!, title: "提交的数据有误");
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Commander, Roles.Admin))
            .WithName("Registry.StartVerificationCampaign");
        campaigns.MapGet("/", async Task<Ok<IReadOnlyList<CampaignRow>>> (ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(user, ct)))
            .WithName("Registry.ListVerificationCampaigns");
        campaigns.MapGet("/{id:guid}", async Task<Results<Ok<Progress>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.ProgressAsync(id, user, ct) is { } progress ? TypedResults.Ok(progress) : Problems.NotFound("未找到该核查任务。"))
            .WithName("Registry.VerificationProgress");
        verification.MapGet("/my", async Task<Ok<IReadOnlyList<TaskItem>>> (ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.MyTasksAsync(user, ct)))
            .WithName("Registry.MyVerificationTasks");
        verification.MapPost("/items/{id:guid}", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (
                Guid id, VerifyRequest body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var result = await handler.VerifyAsync(id, body, user, ct);
                return result switch
                {
                    { Done: true } => TypedResults.NoContent(),
                    { NotFound: true } => Problems.NotFound("未找到该核查记录。"),
                    { Conflict: { } c } => Problems.Conflict(c),
                    _ => TypedResults.ValidationProblem(result.Errors!, title: "提交的数据有误"),
                };
            })
            .RequireAuthorization(p => p.RequireRole(Roles.GridWorker, Roles.CommunityStaff, Roles.Commander))
            .WithName("Registry.VerifyPerson");
        campaigns.MapPost("/{id:guid}/people", async Task<Results<Created<Added>, ValidationProblem, ProblemHttpResult>> (
                Guid id, AddRequest body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var (value, refused) = await handler.AddAsync(id, body, user, ct);
                return (value, refused) switch
                {
                    ({ } added, _) => TypedResults.Created($"/api/v1/registry/people/{added.PersonId}", added),
                    (_, { NotFound: true }) => Problems.NotFound("未找到该核查任务，或已结束。"),
                    (_, { Conflict: { } c }) => Problems.Conflict(c),
                    _ => TypedResults.ValidationProblem(refused!.Errors!, title: "提交的数据有误"),
                };
            })
            .RequireAuthorization(p => p.RequireRole(Roles.GridWorker, Roles.CommunityStaff, Roles.Commander))
            .WithName("Registry.AddPersonOnSite");
    }
}
