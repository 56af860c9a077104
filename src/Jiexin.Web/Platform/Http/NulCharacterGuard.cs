using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jiexin.Platform.Http;

/// <summary>
/// The NUL character (U+0000) has no meaning in any text we keep, and PostgreSQL refuses it in text values and query
/// parameters — which turned a hostile body into a 500 (found by HostileInputTests). It is refused at the door instead:
/// in JSON strings (a 400 from the JSON reader), and in the query string, path and url-encoded form fields (a 400 here).
/// </summary>
internal static class NulCharacterGuard
{
    public const string Message = "请求中含有无效字符（U+0000），请删除后重试。";

    /// <summary>Every JSON string the API reads goes through this converter.</summary>
    public sealed class RejectingStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString();
            return value is not null && value.Contains('\0', StringComparison.Ordinal) ? throw new JsonException(Message) : value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    public static WebApplication UseNulCharacterGuard(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var request = http.Request;
            var found = request.Path.Value?.Contains('\0', StringComparison.Ordinal) == true
                || request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true
                || (IsUrlEncodedForm(request) && await FormHasNulAsync(request, http.RequestAborted));
            if (!found)
            {
                await next(http);
                return;
            }

            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            if (request.IsApi())
            {
                await TypedResults.Problem(detail: Message, statusCode: 400, title: Problems.TitleFor(400)).ExecuteAsync(http);
            }
            else
            {
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync(ErrorPage.Html(400));
            }
        });
        return app;
    }

    private static async Task<bool> FormHasNulAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return (await request.ReadFormAsync(ct)).Any(f => f.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true));
        }
        catch (InvalidDataException)
        {
            return true; // ASP.NET's own form reader refuses an encoded NUL ("The form value contains invalid characters")
        }
    }

    // Multipart forms (photos) are left to their endpoints: reading them here, before routing, would bypass the
    // endpoint's own size limits.
    private static bool IsUrlEncodedForm(HttpRequest request) =>
        request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
}
