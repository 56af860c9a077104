using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Platform.Media;

namespace Jiexin.IntegrationTests.Modules.Events;

/// <summary>Shared moves of the intake tests: places in demo grids, reports, photo uploads and actions over HTTP.</summary>
public sealed class IntakeTestKit(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A point inside the demo grid with the given code (the mean of its polygon's vertices) and the grid's id.</summary>
    public async Task<(double Lat, double Lng, Guid GridId)> PointInGridAsync(string code = "XC-01")
    {
        using var commander = await app.ClientAsAsync("commander");
        var grids = JsonNode.Parse(await commander.GetStringAsync("/api/v1/territory/grids", Ct))!;
        var feature = grids["features"]!.AsArray().First(f => (string?)f!["properties"]!["code"] == code)!;
        var geometry = feature["geometry"]!;
        var ring = ((string?)geometry["type"] == "MultiPolygon" ? geometry["coordinates"]![0]![0] : geometry["coordinates"]![0])!.AsArray();
        var points = ring.Take(ring.Count - 1).Select(p => (Lng: (double)p![0]!, Lat: (double)p[1]!)).ToList();
        return (points.Average(p => p.Lat), points.Average(p => p.Lng), Guid.Parse((string)feature["id"]!));
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>POST /api/v1/events with the given JSON body; asserts 201.</summary>
    public static async Task<JsonElement> ReportAsync(HttpClient client, object body) =>
        await JsonAsync(await client.PostAsJsonAsync("/api/v1/events", body, Ct), HttpStatusCode.Created);

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, params (string FileName, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (fileName, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse("image/jpeg");
            form.Add(part, "photos", fileName);
        }

        return client.PostAsync("/api/v1/events/photos", form, Ct);
    }

    /// <summary>Uploads small JPEGs and returns their ids.</summary>
    public static async Task<List<Guid>> UploadPhotosAsync(HttpClient client, int count)
    {
        var files = Enumerable.Range(0, count).Select(i => ($"p{i}.jpg", MediaTestHost.Jpeg(200 + i, 150))).ToArray();
        var refs = await JsonAsync(await UploadAsync(client, files), HttpStatusCode.Created);
        return [.. refs.EnumerateArray().Select(r => r.GetProperty("id").GetGuid())];
    }

    public static async Task<HttpResponseMessage> ActAsync(HttpClient client, JsonElement e, string action, object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
        body["version"] = e.GetProperty("version").GetInt32();
        return await client.PostAsJsonAsync($"/api/v1/events/{e.GetProperty("id").GetGuid()}/actions/{action}", body, Ct);
    }
}
