using System.Security.Cryptography;
using System.Text;
using Jiexin.Data;
using Jiexin.Modules.Events.Open311.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.Events.Open311.Keys;

/// <summary>The partner platform an api_key belongs to (<see cref="KeyId"/> is null for a key from configuration).</summary>
public sealed record Open311Client(Guid? KeyId, string Name);

/// <summary>api_key checking: configured keys first (no database), then the Admin's keys by hash.</summary>
public sealed class Open311Keys(JiexinDbContext db, IOptionsMonitor<Open311Options> options)
{
    public const string KeyPrefix = "o311_";
    public const int PrefixLength = 12;

    /// <summary>A new key: 256 random bits, URL-safe, recognisable by its prefix.</summary>
    public static string NewKey() =>
        KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public async Task<Open311Client?> VerifyAsync(string? apiKey, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(apiKey) || apiKey.Length > 200)
        {
            return null;
        }

        var hash = Hash(apiKey.Trim());
        foreach (var configured in options.CurrentValue.ApiKeys)
        {
            var configuredHash = configured.KeySha256?.Trim().ToLowerInvariant() ?? (string.IsNullOrEmpty(configured.Key) ? null : Hash(configured.Key));
            if (configuredHash is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(configuredHash), Encoding.ASCII.GetBytes(hash)))
            {
                return new Open311Client(null, string.IsNullOrWhiteSpace(configured.Name) ? "Open311" : configured.Name);
            }
        }

        var key = await db.Set<Open311ApiKey>().AsNoTracking()
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.Name })
            .FirstOrDefaultAsync(ct);
        return key is null ? null : new Open311Client(key.Id, key.Name);
    }
}
