using System.Globalization;
using System.Security.Cryptography;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.ReportEvent;

/// <summary>
/// The tracking codes of the current China date (JX + yyMMdd + 5 characters), so intake draws a code no event holds
/// without asking the database on every report. The day's codes are read once (a range of the unique index) and every
/// code this process hands out is added. At a busy street's volume a blind draw collided once in ~700 reports by
/// midday, and each collision sent a whole group-commit batch back to be saved one report at a time (ADR 0023,
/// session 15). The unique index still decides: a code another instance drew since the read is refused there, and
/// intake draws again, checked against the database.
/// </summary>
public sealed class TrackingCodes(IServiceScopeFactory scopes)
{
    // Without look-alikes (no 0/O, 1/I): short enough to read out on the phone.
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Day? _today;

    public static string Prefix(DateOnly chinaDate) => "JX" + chinaDate.ToString("yyMMdd", CultureInfo.InvariantCulture);

    public static string Draw(DateOnly chinaDate) => Prefix(chinaDate) + new string(RandomNumberGenerator.GetItems(Alphabet.AsSpan(), 5));

    /// <summary>True, and the code is this caller's, if no event held it at the day's read and nobody here took it since.</summary>
    public async ValueTask<bool> TryClaimAsync(DateOnly chinaDate, string code, CancellationToken ct)
    {
        var day = _today is { } known && known.Date == chinaDate ? known : await LoadAsync(chinaDate, ct);
        lock (day.Codes)
        {
            return day.Codes.Add(code);
        }
    }

    private async Task<Day> LoadAsync(DateOnly chinaDate, CancellationToken ct)
    {
        await _loading.WaitAsync(ct);
        try
        {
            if (_today is { } known && known.Date == chinaDate)
            {
                return known;
            }

            // A range, not StartsWith (LIKE, no index on SQLite): codes of the day sort between its prefix and the next day's.
            var from = Prefix(chinaDate);
            var to = Prefix(chinaDate.AddDays(1));
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<JiexinDbContext>();
            var held = await db.Set<Event>().AsNoTracking()
                .Where(e => string.Compare(e.TrackingCode, from) > 0 && string.Compare(e.TrackingCode, to) < 0)
                .Select(e => e.TrackingCode)
                .ToListAsync(ct);
            var day = new Day(chinaDate, new HashSet<string>(held, StringComparer.Ordinal));
            _today = day;
            return day;
        }
        finally
        {
            _loading.Release();
        }
    }

    private sealed record Day(DateOnly Date, HashSet<string> Codes);
}
