using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace Jiexin.IntegrationTests.Modules.Events.Open311;

/// <summary>Talks to /open311/v2 the way a GeoReport client does: form posts, .xml and .json resources.</summary>
public sealed class Open311Http(HttpClient client)
{
    public const string Base = "/open311/v2";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record Answer(HttpStatusCode Status, string ContentType, string Body)
    {
        public XDocument Xml => XDocument.Parse(Body);

        public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
    }

    public async Task<Answer> GetAsync(string pathAndQuery) => await ReadAsync(await client.GetAsync(Base + pathAndQuery, Ct));

    public async Task<Answer> PostAsync(string format, IDictionary<string, string> form) =>
        await ReadAsync(await client.PostAsync($"{Base}/requests.{format}", new FormUrlEncodedContent(form), Ct));

    public async Task<Answer> SendAsync(HttpRequestMessage request) => await ReadAsync(await client.SendAsync(request, Ct));

    private static async Task<Answer> ReadAsync(HttpResponseMessage response) =>
        new(response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "", await response.Content.ReadAsStringAsync(Ct));
}
