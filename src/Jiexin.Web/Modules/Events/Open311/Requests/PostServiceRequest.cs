using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Open311.Domain;
using Jiexin.Modules.Events.Open311.Format;
using Jiexin.Modules.Events.Open311.Keys;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Intake = Jiexin.Modules.Events.ReportEvent.ReportEvent;

namespace Jiexin.Modules.Events.Open311.Requests;

/// <summary>
/// <c>POST requests.{format}</c> (form-encoded, api_key required): a partner platform reports an event. It goes through
/// the one intake (<see cref="Intake"/>: grid location, attribution, timeline) on channel Api, so it lands in the same
/// queue as every other channel; the service_code the partner chose is the category unless it is "其他", in which
/// case our attribution decides. The submitter's contact details are kept encrypted and never shown again.
/// </summary>
public static class PostServiceRequest
{
    /// <summary>What the form carries (names as the spec spells them).</summary>
    public sealed record Form(
        string? ServiceCode,
        string? Lat,
        string? Long,
        string? AddressString,
        string? AddressId,
        string? Description,
        string? MediaUrl,
        string? Email,
        string? FirstName,
        string? LastName,
        string? Phone,
        string? AccountId,
        string? DeviceId);

    public sealed record Contact(string? Email, string? FirstName, string? LastName, string? Phone, string? AccountId, string? DeviceId);

    /// <summary>Either the created request (id and token) or the errors with the HTTP status to send.</summary>
    public sealed record Outcome(string? ServiceRequestId, string? Token, string? Notice, int Status, Open311Error[] Errors);

    public sealed class Handler(
        JiexinDbContext db,
        Intake.Handler intake,
        ICategoryDirectory categories,
        ITerritoryLookup territory,
        IDataProtectionProvider protection,
        TimeProvider clock)
    {
        public const string ContactPurpose = "Jiexin.Open311.Contact.v1";

        public async Task<Outcome> Handle(Form form, Open311Client client, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(form.ServiceCode))
            {
                return Fail(400, "service_code 未提供。 service_code was not provided.");
            }

            if (categories.Find(form.ServiceCode.Trim()) is not { } service)
            {
                return Fail(404, $"service_code “{form.ServiceCode}” 不存在。 service_code not found.");
            }

            var errors = new List<Open311Error>();
            var (lat, lng) = Location(form, errors);
            var mediaUrl = MediaUrl(form.MediaUrl, errors);
            var contact = ContactOf(form, errors);
            if (errors.Count > 0)
            {
                return new(null, null, null, 400, [.. errors]);
            }

            // The spec makes the description optional; our queue wants words, so the service name stands in.
            var description = string.IsNullOrWhiteSpace(form.Description)
                ? $"{service.CategoryName} · {service.SubcategoryName}（经 Open311 上报，未附描述）"
                : form.Description.Trim();

            // One transaction: the intake's save and ours (category, submission) commit together or not at all.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var reported = await intake.Handle(
                new Intake.Command(new Intake.Request(description, lat, lng, Blank(form.AddressString), false, EventChannel.Api), null, Principal(client)),
                ct);
            if (reported.Errors is { } invalid)
            {
                return new(null, null, null, 400, [.. invalid.SelectMany(kv => kv.Value.Select(m => new Open311Error(400, $"{FieldName(kv.Key)}: {m}")))]);
            }

            var dto = reported.Event!;
            var e = await db.Set<Event>().SingleAsync(x => x.Id == dto.Id, ct);
            if (service.Code != categories.FallbackCode && e.CategoryCode != service.Code)
            {
                e.CategoryCode = service.Code;
                e.CategoryName = $"{service.CategoryName} · {service.SubcategoryName}";
                e.AttributionProbability = null; // a person (the partner's user) chose it, not the classifier
                e.SuggestedDepartmentId = service.DefaultDepartmentShortName is { } shortName ? territory.FindDepartmentByShortName(shortName)?.Id : null;
            }

            var token = NewToken();
            db.Add(new Open311Submission
            {
                EventId = e.Id,
                Token = token,
                ApiKeyId = client.KeyId,
                ClientName = Cut(client.Name, 64),
                ServiceCode = service.Code,
                MediaUrl = mediaUrl,
                ProtectedContact = contact is null ? null : protection.CreateProtector(ContactPurpose).Protect(JsonSerializer.Serialize(contact)),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);

            var notice = $"已受理，编号 {e.TrackingCode}，由街道指挥中心分派处置。 Received as {e.TrackingCode}; the street command centre will dispatch it.";
            return new(e.TrackingCode, token, notice, 200, []);
        }

        private static (double? Lat, double? Long) Location(Form form, List<Open311Error> errors)
        {
            var hasLat = !string.IsNullOrWhiteSpace(form.Lat);
            var hasLong = !string.IsNullOrWhiteSpace(form.Long);
            if (hasLat != hasLong)
            {
                errors.Add(new(400, "lat 与 long 须同时提供。 lat and long must both be sent."));
                return (null, null);
            }

            if (hasLat)
            {
                var latOk = double.TryParse(form.Lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) && GeoCoordinates.IsValidLatitude(lat);
                var longOk = double.TryParse(form.Long, NumberStyles.Float, CultureInfo.InvariantCulture, out var lng) && GeoCoordinates.IsValidLongitude(lng);
                if (!latOk)
                {
                    errors.Add(new(400, "lat 须为 -90 到 90 之间的 WGS84 纬度。 lat must be a WGS84 latitude."));
                }

                if (!longOk)
                {
                    errors.Add(new(400, "long 须为 -180 到 180 之间的 WGS84 经度。 long must be a WGS84 longitude."));
                }

                return latOk && longOk ? (lat, lng) : (null, null);
            }

            if (string.IsNullOrWhiteSpace(form.AddressString))
            {
                errors.Add(new(400, string.IsNullOrWhiteSpace(form.AddressId)
                    ? "须提供位置：lat 与 long，或 address_string。 A location is required: lat & long, or address_string."
                    : "本接口不支持 address_id，请提供 lat 与 long 或 address_string。 address_id is not supported here: send lat & long or address_string."));
            }

            return (null, null);
        }

        private static string? MediaUrl(string? text, List<Open311Error> errors)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            text = text.Trim();
            if (text.Length > 500 || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors.Add(new(400, "media_url 须为不超过 500 字符的 http(s) 网址。 media_url must be an http(s) URL of at most 500 characters."));
                return null;
            }

            return text;
        }

        private static Contact? ContactOf(Form form, List<Open311Error> errors)
        {
            Check(form.Email, "email", 254, errors);
            Check(form.FirstName, "first_name", 64, errors);
            Check(form.LastName, "last_name", 64, errors);
            Check(form.Phone, "phone", 32, errors);
            Check(form.AccountId, "account_id", 100, errors);
            Check(form.DeviceId, "device_id", 100, errors);
            var contact = new Contact(Blank(form.Email), Blank(form.FirstName), Blank(form.LastName), Blank(form.Phone), Blank(form.AccountId), Blank(form.DeviceId));
            return contact == new Contact(null, null, null, null, null, null) ? null : contact;
        }

        private static void Check(string? value, string name, int max, List<Open311Error> errors)
        {
            if (value is { Length: > 0 } && value.Trim().Length > max)
            {
                errors.Add(new(400, $"{name} 不能超过 {max} 个字符。 {name} is longer than {max} characters."));
            }
        }

        /// <summary>The intake's field names as the spec spells them.</summary>
        private static string FieldName(string field) => field switch
        {
            "latitude" => "lat",
            "longitude" => "long",
            "address" => "address_string",
            _ => field,
        };

        /// <summary>The partner platform as the intake sees it: no account, no role, a name for the timeline.</summary>
        private static ClaimsPrincipal Principal(Open311Client client) =>
            new(new ClaimsIdentity([new Claim(JiexinClaims.DisplayName, Cut($"Open311 · {client.Name}", 64))], "Open311ApiKey"));

        private static Outcome Fail(int status, string description) => new(null, null, null, status, [new(status, description)]);

        private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

        private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];

        private static string NewToken() =>
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder open311) =>
        open311.MapPost("/requests.{format}", async Task<Open311Result> (string format, HttpRequest request, Open311Guard guard, Open311Keys keys, Handler handler, CancellationToken ct) =>
            {
                if (!Open311Writer.TryParseFormat(format, out var f))
                {
                    return Open311Result.UnknownFormat(format);
                }

                if (!request.HasFormContentType)
                {
                    return Open311Result.BadRequest(f, "请求须为 application/x-www-form-urlencoded 表单。 The request must be form-encoded (application/x-www-form-urlencoded).");
                }

                IFormCollection form;
                try
                {
                    form = await request.ReadFormAsync(ct);
                }
                catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
                {
                    return Open311Result.BadRequest(f, "表单无法解析。 The form could not be read.");
                }

                string? Value(string name) => form.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : request.Query[name].FirstOrDefault();

                if (guard.CheckJurisdiction(Value("jurisdiction_id"), f) is { } wrong)
                {
                    return wrong;
                }

                if (await keys.VerifyAsync(Value("api_key"), ct) is not { } client)
                {
                    return Open311Result.Forbidden(f, Open311Guard.MissingKey);
                }

                var outcome = await handler.Handle(
                    new Form(Value("service_code"), Value("lat"), Value("long"), Value("address_string"), Value("address_id"), Value("description"),
                        Value("media_url"), Value("email"), Value("first_name"), Value("last_name"), Value("phone"), Value("account_id"), Value("device_id")),
                    client,
                    ct);
                if (outcome.Errors.Length > 0)
                {
                    return Open311Result.Errors(outcome.Status, f, outcome.Errors);
                }

                // The spec: either the id (realtime) or a token (batch), never both.
                var created = guard.Options.IsBatch
                    ? new Open311Object(("token", outcome.Token), ("service_notice", outcome.Notice))
                    : new Open311Object(("service_request_id", outcome.ServiceRequestId), ("service_notice", outcome.Notice));
                return Open311Result.Ok("service_requests", new Open311Array("request", [created]), f);
            })
            .DisableAntiforgery()
            .WithName("Open311.PostServiceRequest");
}
