using System.Net;
using System.Net.Http.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Events.Photos;
using Jiexin.Platform.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Events.IntakeTestKit;

namespace Jiexin.IntegrationTests.Modules.Events.ReportEvent;

/// <summary>Uploads never attached within a day are forgotten; recent ones and attached ones stay.</summary>
public abstract class ExpireUnattachedUploadsTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_upload_left_unattached_for_a_day_is_removed_and_can_no_longer_be_attached()
    {
        using var resident = await app.ClientAsAsync("resident01");
        var stale = (await UploadPhotosAsync(resident, 1))[0];
        var fresh = (await UploadPhotosAsync(resident, 1))[0];
        await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<MediaFile>().Where(m => m.Id == stale)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.CreatedAt, DateTime.UtcNow.AddHours(-25)), Ct));

        var removed = await app.WithScopeAsync(sp =>
            new ExpireUnattachedUploadsJob(sp.GetRequiredService<JiexinDbContext>(), TimeProvider.System).RunOnceAsync(Ct));
        var removedAgain = await app.WithScopeAsync(sp =>
            new ExpireUnattachedUploadsJob(sp.GetRequiredService<JiexinDbContext>(), TimeProvider.System).RunOnceAsync(Ct));

        Assert.True(removed >= 1);
        Assert.Equal(0, removedAgain);
        var left = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<MediaFile>().AsNoTracking()
            .Where(m => m.Id == stale || m.Id == fresh).Select(m => m.Id).ToListAsync(Ct));
        Assert.Equal([fresh], left);

        var late = await resident.PostAsJsonAsync("/api/v1/events",
            new { description = $"井盖缺失很危险 {Guid.NewGuid():N}", address = "新庄路 1 号", photoIds = new[] { stale } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        var attached = await resident.PostAsJsonAsync("/api/v1/events",
            new { description = $"井盖缺失很危险 {Guid.NewGuid():N}", address = "新庄路 1 号", photoIds = new[] { fresh } }, Ct);
        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
    }
}

public sealed class ExpireUnattachedUploadsTests_Sqlite(SqliteApp app) : ExpireUnattachedUploadsTests(app), IClassFixture<SqliteApp>;

public sealed class ExpireUnattachedUploadsTests_Postgres(PostgresApp app) : ExpireUnattachedUploadsTests(app), IClassFixture<PostgresApp>;
