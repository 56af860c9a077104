using System.Net;
using System.Net.Http.Json;
using Jiexin.IntegrationTests.Infrastructure;
using static Jiexin.IntegrationTests.Modules.Disputes.DisputeApi;

namespace Jiexin.IntegrationTests.Modules.Disputes.Consultations;

/// <summary>咨询 recorded without a case, and counted by type and channel.</summary>
public abstract class ConsultationTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Consultations_are_recorded_without_a_case_and_counted()
    {
        using var commander = await app.ClientAsAsync("commander");
        var code = $"c{Guid.NewGuid():N}"[..20];
        await OkAsync(commander.PutAsJsonAsync($"/api/v1/disputes/types/{code}", new { name = $"咨询{code[^6..]}" }, Ct));
        var from = DateTime.UtcNow.AddMinutes(-1);
        using var mediator = await app.ClientAsAsync("mediator01");
        await ReadAsync(mediator.PostAsJsonAsync("/api/v1/disputes/consultations", new { question = "离婚后孩子抚养费怎么算？", answer = "告知法律规定", disputeType = code }, Ct), HttpStatusCode.Created);
        await ReadAsync(mediator.PostAsJsonAsync("/api/v1/disputes/consultations", new { question = "租房押金不退怎么办？", disputeType = code, channel = "Phone" }, Ct), HttpStatusCode.Created);
        var bad = await ReadAsync(mediator.PostAsJsonAsync("/api/v1/disputes/consultations", new { question = "" }, Ct), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("question", out _));

        var counts = await OkAsync(commander.GetAsync($"/api/v1/disputes/consultations/counts?from={from:O}&to={DateTime.UtcNow.AddMinutes(1):O}", Ct));
        var byType = counts.GetProperty("byType").EnumerateArray().Single(c => c.GetProperty("key").GetString() == code);
        Assert.Equal(2, byType.GetProperty("value").GetInt32());

        // No case was opened for them.
        var cases = await OkAsync(commander.GetAsync($"/api/v1/disputes?type={code}", Ct));
        Assert.Equal(0, cases.GetProperty("total").GetInt32());

        using var resident = await app.ClientAsAsync("resident01");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.PostAsJsonAsync("/api/v1/disputes/consultations", new { question = "问个问题" }, Ct)).StatusCode);
    }
}

public sealed class ConsultationTests_Sqlite(SqliteApp app) : ConsultationTests(app), IClassFixture<SqliteApp>;

public sealed class ConsultationTests_Postgres(PostgresApp app) : ConsultationTests(app), IClassFixture<PostgresApp>;
