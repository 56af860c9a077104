using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Jiexin.Data;
using Jiexin.Platform.Audit;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Data;
using Jiexin.Platform.Http;
using Jiexin.Platform.Jobs;
using Jiexin.Platform.Localization;
using Jiexin.Platform.Media;
using Jiexin.Platform.Notifications;
using Jiexin.Platform.Privacy;
using Jiexin.Platform.ScaleOut;
using Jiexin.Platform.Ui;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Scalar.AspNetCore;

namespace Jiexin.Platform;

/// <summary>Cross-cutting wiring: data, HTTP errors, OpenAPI, health, localisation, UI shell, auth, audit, photos, working calendar, scale-out, jobs, notifications, personal data.</summary>
public static class PlatformModule
{
    public static readonly CultureInfo[] SupportedCultures = [new("zh-CN"), new("en")];

    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var database = services.AddJiexinDatabase(builder.Configuration);
        if (!builder.Environment.IsProduction())
        {
            // Skip/Take without an order picks arbitrary rows (a paging or batching bug the database hides until it
            // does not): in development and the tests it fails the query instead of logging a line nobody reads.
            services.ConfigureDbContext<JiexinDbContext>(o => o.ConfigureWarnings(w => w.Throw(CoreEventId.RowLimitingOperationWithoutOrderByWarning)),
                ServiceLifetime.Singleton);
        }

        services.AddSingleton<IEntityModelSource>(new NamespaceModelSource(typeof(PlatformModule).Assembly, "Jiexin.Platform"));
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddDataProtection().SetApplicationName("Jiexin").PersistKeysToDbContext<JiexinDbContext>();
        services.AddScoped<StartupTasks>();
        services.AddSingleton<GroupCommitter>();
        services.AddHostedService(sp => sp.GetRequiredService<GroupCommitter>());
        if (database is { Database: DatabaseProvider.Sqlite, SqliteCheckpoint: SqliteCheckpointMode.Background })
        {
            services.AddSingleton<SqliteCheckpointer>();
            services.AddHostedService(sp => sp.GetRequiredService<SqliteCheckpointer>());
        }

        services.AddJiexinProblemDetails();
        builder.AddSecurityHeaders();
        // Enums travel as their names ("Grid", "Locked"), which API readers can understand without a code table.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new NulCharacterGuard.RejectingStringConverter());
        });
        services.AddOpenApi("v1", o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            // zh-CN first whatever the browser says: the language is switched explicitly (cookie), not guessed.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        // Chinese text goes out as UTF-8 characters, not &#x...; escapes: a third of the bytes on resident pages.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddAntDesign();

        builder.AddJiexinAuth();
        builder.AddAudit();
        builder.AddMedia();
        builder.AddWorkingCalendar();
        builder.AddScaleOut();
        builder.AddJobs();
        builder.AddNotifications();
        builder.AddPrivacy();
        return builder;
    }

    /// <summary>Migrates (when configured) and runs the start-up seeders before the app takes requests.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        await app.Services.PrepareDatabaseAsync();
        // Nodes starting together on one new PostgreSQL take turns: the first seeds, the next finds it seeded.
        await using var turn = await app.Services.TakeStartupTurnAsync();
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StartupTasks>().RunAsync(CancellationToken.None);
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseJiexinErrorHandling();
        app.UseNulCharacterGuard();
        // Explicitly after the error handlers: a re-executed status-code page (/not-found) is routed again.
        app.UseRouting();
        app.UseRequestLocalization();
        app.UseJiexinAuth();
        app.UseAntiforgery();
        return app;
    }

    public static RouteGroupBuilder MapApiGroup(this WebApplication app) =>
        app.MapGroup("/api/v1").RequireAuthorization().MapAuditApi().MapMediaApi().MapCalendarApi().MapNotificationsApi();

    public static WebApplication MapPlatform(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        app.MapCultureSwitch();
        app.MapNotificationsHub();
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .AddAdditionalAssemblies();
        return app;
    }
}
