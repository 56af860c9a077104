namespace Jiexin.Platform.Audit;

internal static class AuditModule
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        // Filled in by the audit slice: an EF SaveChanges interceptor writing AuditEntry rows.
        return builder;
    }
}
