namespace Jiexin.Platform.Ui;

public static class ServiceScopeExtensions
{
    /// <summary>
    /// Runs one slice handler in a DI scope of its own. A Blazor circuit lives for hours; a DbContext should live for
    /// one operation (a failed save must not leave stale tracked entities behind for the next one).
    /// </summary>
    public static async Task<TResult> RunAsync<THandler, TResult>(this IServiceScopeFactory scopes, Func<THandler, Task<TResult>> work)
        where THandler : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<THandler>());
    }
}
