using Jiexin.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jiexin.Platform.Data;

/// <summary>Ready when the configured database answers a query.</summary>
internal sealed class DatabaseHealthCheck(JiexinDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("database unreachable");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("database unreachable");
        }
    }
}
