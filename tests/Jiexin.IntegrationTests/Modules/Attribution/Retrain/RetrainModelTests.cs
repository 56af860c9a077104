using System.Net;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Attribution.Domain;
using Jiexin.Modules.Attribution.Model;
using Jiexin.Modules.Attribution.Retrain;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Attribution.Retrain;

/// <summary>
/// Learning from dispatchers: POST /api/v1/attribution/model/retrain and the weekly job train a candidate on the
/// confirmed history and replace the model only when it scores better on the held-back part; every run is audited.
/// The fixture trains with the quick recipe and its own copy of the model file.
/// </summary>
public abstract class RetrainModelTests(JiexinApp app)
{
    public const int MinHistory = 40;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> RetrainAndWaitAsync(HttpClient admin)
    {
        var started = await JsonAsync(await admin.PostAsync("/api/v1/attribution/model/retrain", null, Ct), HttpStatusCode.Accepted);
        var id = started.GetProperty("id").GetGuid();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var run = await JsonAsync(await admin.GetAsync($"/api/v1/attribution/model/retrain-runs/{id}", Ct), HttpStatusCode.OK);
            if (run.GetProperty("status").GetString() != nameof(RetrainStatus.Running))
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, "the retraining did not finish in time");
            await Task.Delay(200, Ct);
        }
    }

    private Task<string?> AuditedOutcomeAsync(Guid runId) => app.WithScopeAsync(sp =>
        sp.GetRequiredService<JiexinDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(a => a.Action == ModelRetrainer.AuditAction && a.EntityId == runId.ToString()).Select(a => a.Changes).SingleOrDefaultAsync(Ct));

    private Task<TextClassifier?> CurrentModelAsync() => app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<FirstLevelModelHost>().Current));

    /// <summary>
    /// Dispatchers here file street-light reports under 欠薪 (劳动和社会保障) and unpaid-wage reports under 路灯不亮
    /// (城乡建设): a convention the shipped model cannot know, so a model trained on the history must beat it. Each group
    /// gets enough held-back and training rows (the split is by hash of the event id).
    /// </summary>
    private async Task SeedConventionHistoryAsync(bool opposite = false, int minHeldOut = 4, int maxHeldOut = 6, int minTrain = 22, int maxTrain = 24)
    {
        string[] places = ["东门", "南门", "三号楼", "菜场旁", "学校对面", "河边", "停车场", "广场"];
        var groups = new[]
        {
            (Code: opposite ? "0201" : "0801", Name: "", Text: (Func<int, string>)(i => $"{places[i % places.Length]}的路灯坏了好几天，晚上漆黑一片，走路害怕")),
            (Code: opposite ? "0801" : "0201", Name: "", Text: (Func<int, string>)(i => $"{places[i % places.Length]}的老板拖欠工资三个月不发，工人讨薪无门")),
        };
        var now = DateTime.UtcNow;
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            foreach (var group in groups)
            {
                var (heldOut, train, i) = (0, 0, 0);
                while (heldOut < minHeldOut || train < minTrain)
                {
                    var id = Guid.NewGuid();
                    var isHeldOut = ModelRetrainer.IsHeldOut(id, 20);
                    if ((isHeldOut && heldOut >= maxHeldOut) || (!isHeldOut && train >= maxTrain))
                    {
                        continue;
                    }

                    _ = isHeldOut ? heldOut++ : train++;
                    db.Add(new Event
                    {
                        Id = id,
                        TrackingCode = "RT" + id.ToString("N")[..12].ToUpperInvariant(),
                        Channel = EventChannel.Resident,
                        Description = group.Text(i++),
                        CategoryCode = group.Code,
                        CategoryName = group.Code,
                        Status = EventStatus.Dispatched,
                        CreatedAt = now,
                        UpdatedAt = now,
                        Timeline =
                        [
                            new EventTimelineEntry { Id = Guid.NewGuid(), EventId = id, At = now, Action = "Report", ToStatus = EventStatus.Reported },
                            new EventTimelineEntry { Id = Guid.NewGuid(), EventId = id, At = now, Action = nameof(EventAction.Dispatch), FromStatus = EventStatus.Reported, ToStatus = EventStatus.Dispatched },
                        ],
                    });
                }
            }

            return await db.SaveChangesAsync(Ct);
        });
    }

    [Fact]
    public async Task TooLittleHistory_ChangesNothing_ThenABetterCandidateReplacesTheModel_AndEqualOrWorseOnesAreKept_AllAudited()
    {
        using var admin = await app.ClientAsAsync("admin");
        var shipped = await CurrentModelAsync();
        Assert.NotNull(shipped);
        var path = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Jiexin.Modules.Attribution.AttributionOptions>>().Value.ModelPath!;
        var fileBefore = await File.ReadAllBytesAsync(path, Ct);

        // 1. No confirmed history yet: nothing trained, nothing replaced, audited.
        var tooLittle = await RetrainAndWaitAsync(admin);
        Assert.Equal(nameof(RetrainStatus.NotEnoughHistory), tooLittle.GetProperty("status").GetString());
        Assert.False(tooLittle.GetProperty("replaced").GetBoolean());
        Assert.Contains($"{MinHistory}", tooLittle.GetProperty("message").GetString());
        Assert.Same(shipped, await CurrentModelAsync());
        Assert.Equal(fileBefore, await File.ReadAllBytesAsync(path, Ct));
        Assert.Contains("\"NotEnoughHistory\"", await AuditedOutcomeAsync(tooLittle.GetProperty("id").GetGuid()));

        // 2. A history with the deployment's own convention: the candidate scores better and is swapped in and written.
        await SeedConventionHistoryAsync();
        var better = await RetrainAndWaitAsync(admin);
        Assert.Equal(nameof(RetrainStatus.Replaced), better.GetProperty("status").GetString());
        Assert.True(better.GetProperty("candidateMacroF1").GetDouble() > better.GetProperty("currentMacroF1").GetDouble());
        Assert.Equal(shipped.Name, better.GetProperty("currentModel").GetString());
        Assert.InRange(better.GetProperty("heldOutCount").GetInt32(), 8, 12);
        var candidateName = better.GetProperty("candidateModel").GetString();
        Assert.Equal(candidateName, (await CurrentModelAsync())!.Name);
        Assert.Equal(candidateName, ModelFiles.Load(path).Name); // written atomically at the configured path
        Assert.True(File.Exists(path + ".previous"));
        var audited = await AuditedOutcomeAsync(better.GetProperty("id").GetGuid());
        Assert.Contains("\"Replaced\"", audited);
        Assert.Contains(candidateName!, audited);

        // The new model follows the convention: a street-light report is now 劳动和社会保障 (欠薪) to the first-level model.
        Assert.Equal("劳动和社会保障", (await CurrentModelAsync())!.Predict("南门的路灯坏了好几天，晚上漆黑一片，走路害怕").BestLabel);

        // 3. The same history again: the candidate is no better than the model it would replace, so the model stays.
        var same = await RetrainAndWaitAsync(admin);
        Assert.Equal(nameof(RetrainStatus.Kept), same.GetProperty("status").GetString());
        Assert.Equal(same.GetProperty("currentMacroF1").GetDouble(), same.GetProperty("candidateMacroF1").GetDouble());
        Assert.Equal(candidateName, (await CurrentModelAsync())!.Name);
        Assert.Equal(candidateName, ModelFiles.Load(path).Name);
        Assert.Contains("\"Kept\"", await AuditedOutcomeAsync(same.GetProperty("id").GetGuid()));

        // 4. Newer training rows that contradict the held-back ones (an opposite habit, only on the training side): the
        //    candidate learns it and scores worse on the held-back part than the current model, which therefore stays.
        await SeedConventionHistoryAsync(opposite: true, minHeldOut: 0, maxHeldOut: 0, minTrain: 70, maxTrain: 70);
        var worse = await RetrainAndWaitAsync(admin);
        Assert.Equal(nameof(RetrainStatus.Kept), worse.GetProperty("status").GetString());
        Assert.True(worse.GetProperty("candidateMacroF1").GetDouble() < worse.GetProperty("currentMacroF1").GetDouble(), worse.ToString());
        Assert.Equal(candidateName, (await CurrentModelAsync())!.Name);
        Assert.Equal(candidateName, ModelFiles.Load(path).Name);
        Assert.Contains("\"Kept\"", await AuditedOutcomeAsync(worse.GetProperty("id").GetGuid()));

        var overview = await JsonAsync(await admin.GetAsync("/api/v1/attribution/model/retrain-runs", Ct), HttpStatusCode.OK);
        Assert.Equal(candidateName, overview.GetProperty("model").GetString());
        Assert.False(overview.GetProperty("running").GetBoolean());
    }

    [Fact]
    public async Task WhileARunHoldsTheLease_AnotherRequestGets409()
    {
        using var admin = await app.ClientAsAsync("admin");
        var held = await app.WithScopeAsync(sp => sp.GetRequiredService<ModelRetrainer>().TryStartAsync(RetrainTrigger.Manual, "test", Ct));
        Assert.NotNull(held);
        try
        {
            var response = await admin.PostAsync("/api/v1/attribution/model/retrain", null, Ct);
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            await app.WithScopeAsync(sp => sp.GetRequiredService<ModelRetrainer>().RunAsync(held.Id, Ct));
        }

        var after = await admin.PostAsync("/api/v1/attribution/model/retrain", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, after.StatusCode); // the lease was freed
        var run = JsonDocument.Parse(await after.Content.ReadAsStringAsync(Ct)).RootElement;
        await WaitAsync(run.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task TheWeeklyJob_RunsOnceWhenDue_EvenWhenTwoTicksRaceForIt()
    {
        using var admin = await app.ClientAsAsync("admin");
        await app.WithScopeAsync(sp => sp.GetRequiredService<ModelRetrainer>().SyncModelAsync(Ct)); // ensures nothing odd; creates no run
        await app.WithScopeAsync(async sp =>
        {
            var retrainer = sp.GetRequiredService<ModelRetrainer>();
            // Not due: the state row starts a week ahead.
            Assert.Null(await retrainer.TryStartAsync(RetrainTrigger.Scheduled, null, Ct));
            var db = sp.GetRequiredService<JiexinDbContext>();
            return await db.Set<ModelRetrainState>().Where(s => s.Id == ModelRetrainState.FirstLevel)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextScheduledAt, DateTime.UtcNow.AddMinutes(-1)), Ct);
        });
        var scheduledBefore = await CountScheduledAsync();

        var ticks = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            app.WithScopeAsync(sp => sp.GetRequiredService<RetrainModelJob>().RunOnceAsync(Ct)), Ct)));

        Assert.Equal(scheduledBefore + 1, await CountScheduledAsync());
        Assert.Equal(1, ticks.Count(t => t > 0));
        var next = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<ModelRetrainState>().AsNoTracking()
            .Where(s => s.Id == ModelRetrainState.FirstLevel).Select(s => s.NextScheduledAt).SingleAsync(Ct));
        Assert.True(next > DateTime.UtcNow.AddDays(6), $"next run at {next}");
    }

    private Task<int> CountScheduledAsync() => app.WithScopeAsync(sp =>
        sp.GetRequiredService<JiexinDbContext>().Set<ModelTrainingRun>().CountAsync(r => r.Trigger == RetrainTrigger.Scheduled && r.Status != RetrainStatus.Running, Ct));

    private async Task WaitAsync(Guid runId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<ModelTrainingRun>().AsNoTracking()
                   .AnyAsync(r => r.Id == runId && r.Status == RetrainStatus.Running, Ct)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the retraining did not finish in time");
            await Task.Delay(200, Ct);
        }
    }

}

/// <summary>Quick trainer, a low history threshold and a model file of its own (the shipped one is never overwritten).</summary>
internal static class RetrainSettings
{
    public static string CopyShippedModel()
    {
        var folder = Path.Combine(Path.GetTempPath(), "jiexin-tests", "models-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "first-level.jxtc");
        File.Copy(ModelFiles.Resolve(ModelFiles.ShippedPath), path);
        return path;
    }

    public static IDictionary<string, string?> For(string modelPath) => new Dictionary<string, string?>
    {
        ["Jiexin:Attribution:ModelPath"] = modelPath,
        ["Jiexin:Attribution:Retrain:Trainer"] = "Quick",
        ["Jiexin:Attribution:Retrain:MinHistory"] = RetrainModelTests.MinHistory.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Jiexin:Attribution:Retrain:HoldOutPercent"] = "20",
    };
}

public sealed class RetrainSqliteApp : SqliteApp
{
    private readonly string _model = RetrainSettings.CopyShippedModel();

    protected override IDictionary<string, string?> Settings => RetrainSettings.For(_model);
}

public sealed class RetrainPostgresApp : PostgresApp
{
    private readonly string _model = RetrainSettings.CopyShippedModel();

    protected override IDictionary<string, string?> Settings => RetrainSettings.For(_model);
}

public sealed class RetrainModelTests_Sqlite(RetrainSqliteApp app) : RetrainModelTests(app), IClassFixture<RetrainSqliteApp>;

public sealed class RetrainModelTests_Postgres(RetrainPostgresApp app) : RetrainModelTests(app), IClassFixture<RetrainPostgresApp>;
