using System.Security.Claims;
using Jiexin.Data;
using Microsoft.AspNetCore.Identity;

namespace Jiexin.Platform.Data;

/// <summary>
/// What a module's demo seeder shares when it plays a story through its real handlers (ADR 0046): it plays only on a demo
/// install (<see cref="DemoStories.Enabled"/>) into an empty module, as demo accounts, each step on a clock set back to
/// its moment and never after the real now; a story that cannot be played is logged and the app starts anyway.
/// </summary>
public abstract class DemoStorySeeder(
    IServiceScopeFactory scopes,
    UserManager<JiexinUser> users,
    IUserClaimsPrincipalFactory<JiexinUser> principals,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger logger) : IStartupTask
{
    private readonly SettableClock demoClock = new();

    public abstract int Order { get; }

    /// <summary>What is played, for the log ("the demo's 三张清单").</summary>
    protected abstract string Story { get; }

    /// <summary>The real time the story ends at; every step is before it.</summary>
    protected DateTime Now { get; private set; }

    /// <summary>The China date of <see cref="Now"/>: the day the story's "today" and "next week" count from.</summary>
    protected DateOnly Today => DateOnly.FromDateTime(Calendar.ChinaTime.FromUtc(Now));

    public async Task RunAsync(CancellationToken ct)
    {
        if (!DemoStories.Enabled(configuration))
        {
            return;
        }

        await using (var probe = scopes.CreateAsyncScope())
        {
            if (await AlreadyPlayedAsync(probe.ServiceProvider.GetRequiredService<JiexinDbContext>(), ct))
            {
                return;
            }
        }

        Now = clock.GetUtcNow().UtcDateTime;
        try
        {
            if (await PlayAsync(ct))
            {
                logger.LogInformation("Seeded {Story}", Story);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A story that cannot be played must not stop the app from starting; what was saved stays.
            logger.LogError(ex, "Seeding {Story} stopped", Story);
        }
    }

    /// <summary>True when the module already holds data: the story is played into an empty module only, so once.</summary>
    protected abstract Task<bool> AlreadyPlayedAsync(JiexinDbContext db, CancellationToken ct);

    /// <summary>Plays the story; false when this is not the demo install (its accounts or places are missing).</summary>
    protected abstract Task<bool> PlayAsync(CancellationToken ct);

    protected async Task<ClaimsPrincipal?> PrincipalAsync(string userName) =>
        await users.FindByNameAsync(userName) is { } account ? await principals.CreateAsync(account) : null;

    /// <summary>China hour <paramref name="hour"/>, <paramref name="daysAgo"/> days before today, as UTC.</summary>
    protected DateTime At(int daysAgo, double hour) => DemoStories.At(Now, daysAgo, hour);

    protected async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>
    /// One step at <paramref name="at"/>: a fresh <typeparamref name="THandler"/> in its own scope, on the clock set to
    /// <paramref name="at"/>; <paramref name="refused"/> says why an outcome is a refusal (null when it is not), which stops the story.
    /// </summary>
    protected Task<TOutcome> StepAsync<THandler, TOutcome>(DateTime at, Func<THandler, Task<TOutcome>> step, Func<TOutcome, string?> refused)
        where THandler : notnull
    {
        var name = typeof(THandler).DeclaringType?.Name ?? typeof(THandler).Name;
        if (at > Now)
        {
            throw new InvalidOperationException($"Demo step {name} would be in the future.");
        }

        demoClock.UtcNow = at;
        return WithScopeAsync(async sp =>
        {
            var outcome = await step(ActivatorUtilities.CreateInstance<THandler>(sp, demoClock));
            return refused(outcome) is { } why ? throw new InvalidOperationException($"Demo step {name} refused: {why}") : outcome;
        });
    }
}
