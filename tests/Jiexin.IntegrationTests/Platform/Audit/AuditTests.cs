using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.Platform.Audit;
using Jiexin.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Platform.Audit;

/// <summary>The audit log through the real mechanism (interceptor + trail) and its admin API.</summary>
public abstract class AuditTests(JiexinApp app)
{
    [Fact]
    public async Task CreatingAnAccount_IsRecorded_WithActorActionEntityAndAddress_ButNoPasswordHash()
    {
        using var admin = (await app.ClientAsAsync("admin")).From("203.0.113.7");
        var account = await app.CreateAccountAsync(Roles.Leader, app.Units().Street, admin: admin);

        var entries = await EntriesAsync($"entityType=JiexinUser&entityId={account.Id}");
        var created = Assert.Single(entries, e => e.GetProperty("action").GetString() == AuditActions.Created);
        Assert.Equal("admin", created.GetProperty("userName").GetString());
        Assert.Equal("203.0.113.7", created.GetProperty("clientIp").GetString());
        var changes = Changes(created);
        Assert.Equal(account.UserName, changes["UserName"].New);
        Assert.Equal("***", changes["PasswordHash"].New);
        Assert.Equal("***", changes["SecurityStamp"].New);

        var role = Assert.Single(entries, e => e.GetProperty("action").GetString() == AuditActions.RoleAdded);
        Assert.Equal(Roles.Leader, Changes(role)["Role"].New);

        var hash = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Users
            .Where(u => u.Id == account.Id).Select(u => u.PasswordHash).SingleAsync(TestContext.Current.CancellationToken));
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<AuditEntry>()
            .Where(e => e.EntityId == account.Id.ToString()).Select(e => e.Changes).ToListAsync(TestContext.Current.CancellationToken));
        Assert.NotEmpty(stored);
        Assert.All(stored, json => Assert.DoesNotContain(hash!, json ?? ""));
    }

    [Fact]
    public async Task EditingAnAccount_RecordsOldAndNewValues_AndTheRoleChange()
    {
        var units = app.Units();
        using var admin = (await app.ClientAsAsync("admin")).From("203.0.113.8");
        var account = await app.CreateAccountAsync(Roles.GridWorker, units.Grid, admin: admin);
        var edit = await admin.PutAsJsonAsync($"/api/v1/admin/accounts/{account.Id}", new
        {
            displayName = "新的名字", role = Roles.CommunityStaff, orgUnitKind = "Community", orgUnitId = units.Community.Id, concurrencyStamp = account.ConcurrencyStamp,
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        var entries = await EntriesAsync($"entityType=JiexinUser&entityId={account.Id}&user=admin");
        var updated = entries.Where(e => e.GetProperty("action").GetString() == AuditActions.Updated).Select(Changes).ToList();
        var renamed = Assert.Single(updated, c => c.ContainsKey("DisplayName"));
        Assert.Equal(("测试GridWorker", "新的名字"), (renamed["DisplayName"].Old, renamed["DisplayName"].New));
        Assert.Equal(("Grid", "Community"), (renamed["OrgUnitKind"].Old, renamed["OrgUnitKind"].New));
        Assert.All(entries, e => Assert.Equal("203.0.113.8", e.GetProperty("clientIp").GetString()) );
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == AuditActions.RoleRemoved && Changes(e)["Role"].Old == Roles.GridWorker);
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == AuditActions.RoleAdded && Changes(e)["Role"].New == Roles.CommunityStaff);
    }

    [Fact]
    public async Task AFailedEdit_LeavesNoEntry()
    {
        var account = await app.CreateAccountAsync(Roles.Leader, app.Units().Street);
        using var admin = await app.ClientAsAsync("admin");
        var stale = await admin.PutAsJsonAsync($"/api/v1/admin/accounts/{account.Id}", new
        {
            displayName = "不会保存", role = Roles.Leader, orgUnitKind = "Street", orgUnitId = account.OrgUnitId, concurrencyStamp = "stale",
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var entries = await EntriesAsync($"entityType=JiexinUser&entityId={account.Id}&action=Updated");
        Assert.Empty(entries);
    }

    [Fact]
    public async Task LoginAttempts_AreRecorded_FailedOnesWithTheNameTried()
    {
        var tried = TestAccounts.UniqueName("ghost");
        using var anonymous = app.Anonymous().From("198.51.100.99");
        await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = tried, password = "whatever-1" }, TestContext.Current.CancellationToken);
        var failed = (await EntriesAsync("action=LoginFailed&pageSize=100")).Where(e => Changes(e)["UserName"].New == tried).ToList();
        var entry = Assert.Single(failed);
        Assert.Equal("198.51.100.99", entry.GetProperty("clientIp").GetString());
        Assert.Equal("unknown-user", Changes(entry)["Reason"].New);
        Assert.DoesNotContain("whatever-1", entry.GetRawText());

        var account = await app.CreateAccountAsync(Roles.Leader, app.Units().Street);
        await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = account.UserName, password = "Wrong-Pass-1" }, TestContext.Current.CancellationToken);
        await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = account.UserName, password = TestAccounts.Password }, TestContext.Current.CancellationToken);
        var history = await EntriesAsync($"entityType=JiexinUser&entityId={account.Id}");
        Assert.Contains(history, e => e.GetProperty("action").GetString() == AuditActions.LoginFailed && Changes(e)["Reason"].New == "wrong-password");
        var succeeded = Assert.Single(history, e => e.GetProperty("action").GetString() == AuditActions.LoginSucceeded);
        Assert.Equal(account.UserName, succeeded.GetProperty("userName").GetString());
    }

    [Theory]
    [InlineData("commander")]
    [InlineData("leader")]
    [InlineData("community01")]
    public async Task AuditApi_ForNonAdmins_Is403(string userName)
    {
        using var client = await app.ClientAsAsync(userName);
        var response = await client.GetAsync("/api/v1/admin/audit", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AuditApi_FiltersByTime_AndPages()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var account = await app.CreateAccountAsync(Roles.Leader, app.Units().Street);
        var inWindow = await EntriesAsync($"entityId={account.Id}&from={Uri.EscapeDataString(before.ToString("O"))}");
        Assert.NotEmpty(inWindow);
        var beforeWindow = await EntriesAsync($"entityId={account.Id}&to={Uri.EscapeDataString(before.ToString("O"))}");
        Assert.Empty(beforeWindow);

        using var admin = await app.ClientAsAsync("admin");
        var page = await (await admin.GetAsync("/api/v1/admin/audit?pageSize=2&page=2", TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.True(page.GetProperty("total").GetInt32() > 4);

        var bad = await admin.GetAsync($"/api/v1/admin/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task AuditEntries_CannotBeChangedOrDeleted()
    {
        var error = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            var entry = await db.Set<AuditEntry>().OrderBy(e => e.OccurredAt).FirstAsync(TestContext.Current.CancellationToken);
            db.Remove(entry);
            return await Record.ExceptionAsync(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        });
        Assert.IsType<InvalidOperationException>(error);
    }

    [Fact]
    public async Task WorkWithoutARequest_IsRecordedAsSystem()
    {
        var communityName = "审计测试" + Guid.NewGuid().ToString("N")[..6];
        var id = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            var user = await db.Users.SingleAsync(u => u.UserName == "resident02", TestContext.Current.CancellationToken);
            user.DisplayName = communityName;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return user.Id;
        });
        var entry = Assert.Single(await EntriesAsync($"entityId={id}&user=system&action=Updated"), e => Changes(e).ContainsKey("DisplayName"));
        Assert.Equal(communityName, Changes(entry)["DisplayName"].New);
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("userId").ValueKind);
    }

    private async Task<List<JsonElement>> EntriesAsync(string query)
    {
        using var admin = await app.ClientAsAsync("admin");
        var response = await admin.GetAsync("/api/v1/admin/audit?" + query, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray()];
    }

    private static Dictionary<string, (string? Old, string? New)> Changes(JsonElement entry) =>
        entry.GetProperty("changes").EnumerateArray().ToDictionary(
            c => c.GetProperty("property").GetString()!,
            c => (c.GetProperty("old").GetString(), c.GetProperty("new").GetString()));
}

public sealed class AuditTests_Sqlite(AccountsSqliteApp app) : AuditTests(app), IClassFixture<AccountsSqliteApp>;

public sealed class AuditTests_Postgres(AccountsPostgresApp app) : AuditTests(app), IClassFixture<AccountsPostgresApp>;
