using Jiexin.Data;
using Jiexin.Platform.Audit.ListAuditEntries;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Platform.Audit;

/// <summary>The append-only audit log: one SaveChanges interceptor for data, <see cref="IAuditTrail"/> for other actions.</summary>
internal static class AuditModule
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<AuditActorAccessor>();
        services.AddScoped<CircuitHandler, AuditCircuitHandler>();
        services.AddSingleton<AuditInterceptor>();
        // Composes with the AddDbContext in Jiexin.Data: one interceptor for every context (per-save state lives on the context).
        services.ConfigureDbContext<JiexinDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<AuditInterceptor>()), ServiceLifetime.Singleton);
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<ListAuditEntries.ListAuditEntries.Handler>();
        return builder;
    }

    /// <summary><c>/api/v1/admin/audit</c>.</summary>
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Audit");
        ListAuditEntries.ListAuditEntries.Map(admin);
        return api;
    }
}
