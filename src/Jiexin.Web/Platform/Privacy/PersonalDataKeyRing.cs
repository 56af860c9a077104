using System.Security.Cryptography;
using Jiexin.Data;
using Jiexin.Platform.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiexin.Platform.Privacy;

/// <summary>
/// The keys for personal data, loaded once at start: configured ones (<see cref="PersonalDataOptions"/>) and, where
/// none are configured, the app's own generated ones from <c>platform_personal_data_keys</c>. Two instances starting
/// at once on one database agree: the generated key's id is fixed, so the second insert fails and it reads the first.
/// </summary>
public sealed class PersonalDataKeyRing
{
    private const string GeneratedEncryptionKeyId = "g1";
    private const string GeneratedBlindIndexKeyId = "b1";

    private volatile Keys? _keys;

    internal sealed record Keys(IReadOnlyDictionary<string, byte[]> Encryption, string CurrentId, byte[] BlindIndex);

    internal Keys Current => _keys ?? throw new InvalidOperationException("个人信息密钥尚未加载（PersonalDataKeyRing.LoadAsync 未运行）。");

    /// <summary>For tests and tools that hold keys already (no database).</summary>
    internal void Use(IReadOnlyDictionary<string, byte[]> encryption, string currentId, byte[] blindIndex) =>
        _keys = new Keys(encryption, currentId, blindIndex);

    public async Task LoadAsync(JiexinDbContext db, IDataProtectionProvider protection, PersonalDataOptions options, TimeProvider time, CancellationToken ct)
    {
        var protector = protection.CreateProtector("Jiexin.PersonalData.Keys");
        var encryption = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var key in options.EncryptionKeys)
        {
            encryption[key.Id] = Decode(key.Key, $"{PersonalDataOptions.Section}:EncryptionKeys:{key.Id}");
        }

        string currentId;
        if (encryption.Count > 0)
        {
            currentId = options.CurrentEncryptionKey ?? options.EncryptionKeys[^1].Id;
            if (!encryption.ContainsKey(currentId))
            {
                throw new InvalidOperationException($"{PersonalDataOptions.Section}:CurrentEncryptionKey \"{currentId}\" is not among the configured keys.");
            }
        }
        else
        {
            currentId = GeneratedEncryptionKeyId;
        }

        // Generated keys stay readable even after keys are configured later: values written before still open.
        var stored = await db.Set<PersonalDataKey>().AsNoTracking().ToListAsync(ct);
        foreach (var key in stored.Where(k => k.Purpose == PersonalDataKey.EncryptionPurpose))
        {
            encryption.TryAdd(key.Id, Convert.FromBase64String(protector.Unprotect(key.ProtectedKey)));
        }

        if (!encryption.ContainsKey(currentId))
        {
            encryption[currentId] = await GenerateAsync(db, protector, GeneratedEncryptionKeyId, PersonalDataKey.EncryptionPurpose, time, ct);
        }

        byte[] blindIndex;
        if (!string.IsNullOrEmpty(options.BlindIndexKey))
        {
            blindIndex = Decode(options.BlindIndexKey, $"{PersonalDataOptions.Section}:BlindIndexKey");
        }
        else if (stored.FirstOrDefault(k => k.Purpose == PersonalDataKey.BlindIndexPurpose) is { } storedBlind)
        {
            blindIndex = Convert.FromBase64String(protector.Unprotect(storedBlind.ProtectedKey));
        }
        else
        {
            blindIndex = await GenerateAsync(db, protector, GeneratedBlindIndexKeyId, PersonalDataKey.BlindIndexPurpose, time, ct);
        }

        _keys = new Keys(encryption, currentId, blindIndex);
    }

    private static async Task<byte[]> GenerateAsync(JiexinDbContext db, IDataProtector protector, string id, string purpose, TimeProvider time, CancellationToken ct)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var row = new PersonalDataKey
        {
            Id = id,
            Purpose = purpose,
            ProtectedKey = protector.Protect(Convert.ToBase64String(key)),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return key;
        }
        catch (DbUpdateException)
        {
            // Another instance generated it first: use theirs.
            db.Entry(row).State = EntityState.Detached;
            db.ChangeTracker.Clear();
            var winner = await db.Set<PersonalDataKey>().AsNoTracking().SingleAsync(k => k.Id == id, ct);
            return Convert.FromBase64String(protector.Unprotect(winner.ProtectedKey));
        }
    }

    private static byte[] Decode(string base64, string setting)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{setting} is not base64.");
        }

        return key.Length == 32 ? key : throw new InvalidOperationException($"{setting} must be 32 bytes (base64 of 32 random bytes).");
    }
}

/// <summary>Loads the key ring before any seeder that writes personal data.</summary>
internal sealed class LoadPersonalDataKeys(
    PersonalDataKeyRing ring,
    JiexinDbContext db,
    IDataProtectionProvider protection,
    IOptions<PersonalDataOptions> options,
    TimeProvider time) : IStartupTask
{
    public int Order => 5;

    public Task RunAsync(CancellationToken ct) => ring.LoadAsync(db, protection, options.Value, time, ct);
}
