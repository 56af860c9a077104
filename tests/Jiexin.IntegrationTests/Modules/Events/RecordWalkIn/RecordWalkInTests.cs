using System.Net;
using System.Net.Http.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Events.IntakeTestKit;

namespace Jiexin.IntegrationTests.Modules.Events.RecordWalkIn;

/// <summary>Staff record walk-ins and calls: the caller's phone encrypted at rest and masked on the way out, the grid picked from a list.</summary>
public abstract class RecordWalkInTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_call_is_recorded_with_the_caller_and_the_chosen_grid_and_the_phone_never_leaves_in_full()
    {
        var grid = (await new IntakeTestKit(app).PointInGridAsync("XC-02")).GridId;
        using var commander = await app.ClientAsAsync("commander");
        var e = await ReportAsync(commander, new
        {
            description = "来电反映：小区东门路灯坏了三天",
            channel = "Phone",
            gridId = grid,
            contactName = "王先生",
            contactPhone = "138 1234 5678",
        });

        Assert.Equal("Phone", e.GetProperty("channel").GetString());
        Assert.Equal(grid, e.GetProperty("gridId").GetGuid());
        Assert.NotEqual(JsonValueKindNull, e.GetProperty("communityId").ValueKind);

        var id = e.GetProperty("id").GetGuid();
        var detail = await JsonAsync(await commander.GetAsync($"/api/v1/events/{id}", Ct), HttpStatusCode.OK);
        Assert.Equal("王先生", detail.GetProperty("intake").GetProperty("contactName").GetString());
        Assert.Equal("138****5678", detail.GetProperty("intake").GetProperty("contactPhone").GetString());
        Assert.DoesNotContain("13812345678", detail.GetRawText());

        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<EventIntakeDetails>().AsNoTracking().SingleAsync(x => x.EventId == id, Ct));
        Assert.DoesNotContain("5678", stored.ContactPhoneProtected);
        Assert.Equal("13812345678", await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ContactPhones>().Unprotect(stored.ContactPhoneProtected!))));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task Bad_phone_unknown_grid_and_missing_place_are_refused_in_Chinese()
    {
        using var commander = await app.ClientAsAsync("commander");
        var badPhone = await JsonAsync(await commander.PostAsJsonAsync("/api/v1/events",
            new { description = "来访反映噪音扰民", channel = "WalkIn", address = "新庄路 3 号", contactPhone = "12ab" }, Ct), HttpStatusCode.BadRequest);
        Assert.Contains("联系电话格式不正确", badPhone.GetProperty("errors").GetProperty("contactPhone")[0].GetString());

        var badGrid = await JsonAsync(await commander.PostAsJsonAsync("/api/v1/events",
            new { description = "来访反映噪音扰民", channel = "WalkIn", gridId = Guid.NewGuid() }, Ct), HttpStatusCode.BadRequest);
        Assert.Equal("所选网格不存在。", badGrid.GetProperty("errors").GetProperty("gridId")[0].GetString());

        var noPlace = await JsonAsync(await commander.PostAsJsonAsync("/api/v1/events",
            new { description = "来访反映噪音扰民", channel = "WalkIn" }, Ct), HttpStatusCode.BadRequest);
        Assert.True(noPlace.GetProperty("errors").TryGetProperty("latitude", out _));
    }

    [Fact]
    public async Task Residents_record_no_caller_details_and_cannot_pick_a_grid()
    {
        var grid = (await new IntakeTestKit(app).PointInGridAsync("XC-02")).GridId;
        using var resident = await app.ClientAsAsync("resident01");
        var e = await ReportAsync(resident, new { description = "楼道灯坏了好几天", address = "新庄路 5 号", contactName = "冒充", contactPhone = "13800000000" });
        var id = e.GetProperty("id").GetGuid();
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<EventIntakeDetails>().AnyAsync(x => x.EventId == id, Ct)));

        var withGrid = await resident.PostAsJsonAsync("/api/v1/events", new { description = "楼道灯坏了好几天", gridId = grid }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, withGrid.StatusCode);
    }
}

public sealed class RecordWalkInTests_Sqlite(SqliteApp app) : RecordWalkInTests(app), IClassFixture<SqliteApp>;

public sealed class RecordWalkInTests_Postgres(PostgresApp app) : RecordWalkInTests(app), IClassFixture<PostgresApp>;
