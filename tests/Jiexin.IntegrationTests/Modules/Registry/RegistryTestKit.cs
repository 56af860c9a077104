using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Platform.Privacy;

namespace Jiexin.IntegrationTests.Modules.Registry;

/// <summary>Unique valid ID numbers and phones per test, and the people API over HTTP.</summary>
public static class RegistryTestKit
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A checksum-valid number never used before in this process (random birth date and serial).</summary>
    public static string NewIdNumber(bool male = true)
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(Random.Shared.Next(0, 365 * 50));
        var serial = Random.Shared.Next(0, 500) * 2 + (male ? 1 : 0);
        var first17 = $"320282{birth:yyyyMMdd}{serial:000}";
        return first17 + ChineseIdNumber.CheckCharacter(first17);
    }

    public static string NewPhone() => "13" + Random.Shared.Next(3, 10) + Random.Shared.NextInt64(10_000_000, 99_999_999);

    /// <summary>The same number with a wrong check character.</summary>
    public static string WithBadChecksum(string idNumber) =>
        idNumber[..17] + (idNumber[17] == '0' ? '1' : '0');

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<Guid> CreatePersonAsync(HttpClient client, object body) =>
        (await JsonAsync(await client.PostAsJsonAsync("/api/v1/registry/people", body, Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();
}
