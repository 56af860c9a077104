using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Platform.Privacy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Platform.Privacy;

/// <summary>The generated keys live in the database, wrapped, and a restarted instance opens what the first wrote.</summary>
public abstract class PersonalDataKeyRingTests(JiexinApp app)
{
    [Fact]
    public async Task Generated_keys_are_stored_wrapped_and_a_fresh_ring_on_the_same_database_opens_old_values()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cipher, index) = await app.WithScopeAsync(sp =>
        {
            var protector = sp.GetRequiredService<IPersonalDataProtector>();
            return Task.FromResult((protector.Encrypt("test.id_number", "11010519491231002X"), protector.BlindIndex("test.id_number", "11010519491231002X")));
        });

        var (opened, reindexed, stored) = await app.WithScopeAsync(async sp =>
        {
            // What a restart does: a new ring loads the same database.
            var ring = new PersonalDataKeyRing();
            await ring.LoadAsync(sp.GetRequiredService<JiexinDbContext>(), sp.GetRequiredService<IDataProtectionProvider>(), new PersonalDataOptions(), TimeProvider.System, ct);
            var restarted = new PersonalDataProtector(ring);
            var rows = await sp.GetRequiredService<JiexinDbContext>().Set<PersonalDataKey>().AsNoTracking().ToListAsync(ct);
            return (restarted.Decrypt("test.id_number", cipher), restarted.BlindIndex("test.id_number", "11010519491231002X"), rows);
        });

        Assert.Equal("11010519491231002X", opened);
        Assert.Equal(index, reindexed);
        Assert.Contains(stored, k => k.Purpose == PersonalDataKey.EncryptionPurpose);
        Assert.Contains(stored, k => k.Purpose == PersonalDataKey.BlindIndexPurpose);
        // Wrapped by Data Protection: not a bare base64 of 32 bytes.
        Assert.All(stored, k => Assert.True(k.ProtectedKey.Length > 60));
    }

    [Fact]
    public async Task Configured_keys_take_over_new_values_while_generated_ones_still_open_old_values()
    {
        var ct = TestContext.Current.CancellationToken;
        var old = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<IPersonalDataProtector>().Encrypt("test.phone", "13812345678")));

        var configured = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var (fresh, reopened) = await app.WithScopeAsync(async sp =>
        {
            var ring = new PersonalDataKeyRing();
            var options = new PersonalDataOptions { EncryptionKeys = [new() { Id = "prod-2027", Key = configured }] };
            await ring.LoadAsync(sp.GetRequiredService<JiexinDbContext>(), sp.GetRequiredService<IDataProtectionProvider>(), options, TimeProvider.System, ct);
            var protector = new PersonalDataProtector(ring);
            return (protector.Encrypt("test.phone", "13812345678"), protector.Decrypt("test.phone", old));
        });

        Assert.StartsWith("pd1:prod-2027:", fresh);
        Assert.Equal("13812345678", reopened);
    }

    [Fact]
    public async Task A_wrong_length_configured_key_stops_the_load_with_the_setting_named()
    {
        var ct = TestContext.Current.CancellationToken;
        var error = await app.WithScopeAsync(async sp =>
        {
            var options = new PersonalDataOptions { EncryptionKeys = [new() { Id = "short", Key = Convert.ToBase64String(new byte[16]) }] };
            return await Assert.ThrowsAsync<InvalidOperationException>(() =>
                new PersonalDataKeyRing().LoadAsync(sp.GetRequiredService<JiexinDbContext>(), sp.GetRequiredService<IDataProtectionProvider>(), options, TimeProvider.System, ct));
        });

        Assert.Contains("EncryptionKeys:short", error.Message);
    }
}

public sealed class PersonalDataKeyRingTests_Sqlite(SqliteApp app) : PersonalDataKeyRingTests(app), IClassFixture<SqliteApp>;

public sealed class PersonalDataKeyRingTests_Postgres(PostgresApp app) : PersonalDataKeyRingTests(app), IClassFixture<PostgresApp>;
