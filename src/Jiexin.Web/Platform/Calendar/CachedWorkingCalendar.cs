using Jiexin.Data;
using Jiexin.Platform.Calendar.Data;
using Jiexin.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiexin.Platform.Calendar;

/// <summary>
/// The app's <see cref="IWorkingCalendar"/>: one immutable <see cref="WorkingCalendar"/> snapshot of the special days,
/// replaced whole after each edit (and every few minutes, for the other instances). A few hundred rows at most.
/// </summary>
public sealed class CachedWorkingCalendar(IServiceScopeFactory scopes, IOptions<CalendarOptions> options, ILogger<CachedWorkingCalendar> logger)
    : IWorkingCalendar
{
    private volatile WorkingCalendar _current = WorkingCalendar.WeekdaysOnly(options.Value.ParsedWorkingHours());

    /// <summary>The snapshot in use: a job computing many deadlines can hold one for consistent answers.</summary>
    public WorkingCalendar Current => _current;

    public WorkingHours WorkingHours => _current.WorkingHours;

    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JiexinDbContext>();
        var days = await db.Set<CalendarDay>().AsNoTracking()
            .Select(d => new KeyValuePair<DateOnly, CalendarDayKind>(d.Date, d.Kind))
            .ToListAsync(ct);
        _current = new WorkingCalendar(days, options.Value.ParsedWorkingHours());
        logger.LogDebug("Working calendar loaded: {Count} special days", days.Count);
    }

    public bool IsWorkingDay(DateOnly date) => _current.IsWorkingDay(date);

    public DateTime NextWorkingMoment(DateTime utc) => _current.NextWorkingMoment(utc);

    public DateTime AddWorkingTime(DateTime startUtc, TimeSpan workingDuration) => _current.AddWorkingTime(startUtc, workingDuration);

    public DateTime AddWorkingDays(DateTime startUtc, int days) => _current.AddWorkingDays(startUtc, days);

    public TimeSpan WorkingTimeBetween(DateTime fromUtc, DateTime toUtc) => _current.WorkingTimeBetween(fromUtc, toUtc);
}

/// <summary>Loads the calendar once the database is migrated and seeded (the seeder is 50), before anything that computes deadlines.</summary>
internal sealed class LoadWorkingCalendar(CachedWorkingCalendar calendar) : IStartupTask
{
    public int Order => 55;

    public Task RunAsync(CancellationToken ct) => calendar.ReloadAsync(ct);
}

/// <summary>Reloads the special days every <see cref="CalendarOptions.RefreshMinutes"/>, so every instance sees an Admin's edit.</summary>
internal sealed class RefreshWorkingCalendar(CachedWorkingCalendar calendar, IOptions<CalendarOptions> options, TimeProvider clock, ILogger<RefreshWorkingCalendar> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RefreshMinutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.RefreshMinutes), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await calendar.ReloadAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Keep the last good snapshot; the next tick tries again.
                    logger.LogWarning(e, "Reloading the working calendar failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }
}
