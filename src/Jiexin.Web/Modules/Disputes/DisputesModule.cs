using Jiexin.Data;
using Jiexin.Modules.Disputes.Notifications;
using Jiexin.Modules.Disputes.Screening;
using Jiexin.Modules.Disputes.Shared;
using Jiexin.Platform.Data;
using Jiexin.Platform.Media;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.Disputes;

/// <summary>一站式矛盾纠纷多元化解中心: intake from every channel, triage and routing, mediation, 五调联动 (docs/decisions/0026-dispute-centre.md).</summary>
public static class DisputesModule
{
    public static WebApplicationBuilder AddDisputes(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IEntityModelSource>(new NamespaceModelSource(typeof(DisputesModule).Assembly, "Jiexin.Modules.Disputes"));
        services.AddScoped<DisputeAccess>();
        services.AddScoped<PartyData>();
        services.AddScoped<RegisterDispute.RegisterDispute.Handler>();
        services.AddScoped<GetDispute.GetDispute.Handler>();
        services.AddScoped<ActOnDispute.ActOnDispute.Handler>();
        services.AddScoped<ListDisputes.ListDisputes.Handler>();
        services.AddScoped<DisputeTypes.ListDisputeTypes.Handler>();
        services.AddScoped<DisputeTypes.SaveDisputeType.Handler>();
        services.AddScoped<IStartupTask, DisputeTypes.DisputeTypeSeeder>();
        services.AddScoped<IStartupTask, Seed.DemoDisputesSeeder>();
        services.AddScoped<Rooms.ListReceivers.Handler>();
        services.AddScoped<IStartupTask, Rooms.MediationRoomSeeder>();
        services.AddScoped<Consultations.RecordConsultation.Handler>();
        services.AddScoped<Consultations.CountConsultations.Handler>();
        services.AddScoped<Contracts.IDisputeRiskSignals, RiskSignals.DisputeRiskSignals>();
        services.AddScoped<Contracts.IDisputeFigures, MonthFigures.DisputeFigures>();
        services.AddScoped<Contracts.IDisputesOfRegistry, RegistryLinks.DisputesOfRegistry>();
        services.AddScoped<RegistryLinks.DisputePlace.Handler>();
        services.AddScreening();
        services.AddScoped<Supervision.SuperviseDisputes.Handler>();
        services.AddScoped<Supervision.SuperviseDisputes.FlagsHandler>();
        Platform.Jobs.JobsModule.AddRecurringJob<Supervision.SuperviseDisputes.Job>(services);
        services.AddScoped<CaseLibrary.ProposeTypicalCase.Handler>();
        services.AddScoped<CaseLibrary.ReviewTypicalCase.Handler>();
        services.AddScoped<CaseLibrary.ListTypicalCases.Handler>();
        services.AddScoped<CaseLibrary.GetTypicalCase.Handler>();
        services.AddScoped<CaseLibrary.SimilarTypicalCases.Handler>();
        services.AddScoped<ResidentCases.MyDisputes.Handler>();
        services.AddScoped<Analysis.AnalysisFigures>();
        services.AddScoped<Analysis.GetAnalysis.Handler>();
        services.AddScoped<Analysis.SaveMeeting.Handler>();
        services.AddScoped<Analysis.AddMeasure.Handler>();
        services.AddScoped<Analysis.UpdateMeasure.Handler>();
        services.AddScoped<Analysis.ExportAnalysis.Handler>();
        services.AddScoped<Reporting.StatisticsTable.Handler>();
        services.AddScoped<UrgentReports.FileUrgentReport.Handler>();
        services.AddScoped<UrgentReports.ListUrgentReports.Handler>();
        services.AddScoped<UrgentReports.AcknowledgeUrgentReport.Handler>();
        services.AddScoped<Evidence.UploadDisputeEvidence.Handler>();
        services.AddScoped<Evidence.AttachDisputeEvidence.Handler>();
        services.AddMediaAccessRule<Evidence.DisputeEvidenceAccess>(Evidence.DisputeEvidence.EvidenceKind);
        services.AddMediaAccessRule<PendingUploadAccess>(Evidence.DisputeEvidence.PendingKind);
        Platform.Jobs.JobsModule.AddRecurringJob<Evidence.ExpireEvidenceUploadsJob>(services);
        services.AddSingleton<DisputeNotificationsInterceptor>();
        services.ConfigureDbContext<JiexinDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<DisputeNotificationsInterceptor>()), ServiceLifetime.Singleton);
        return builder;
    }

    public static void MapDisputes(this WebApplication app, RouteGroupBuilder api)
    {
        var disputes = api.MapGroup("/disputes").WithTags("Disputes");
        DisputeTypes.ListDisputeTypes.Map(disputes);
        DisputeTypes.SaveDisputeType.Map(disputes);
        Rooms.ListReceivers.Map(disputes);
        Consultations.RecordConsultation.Map(disputes);
        Consultations.CountConsultations.Map(disputes);
        RegisterDispute.RegisterDispute.Map(disputes);
        ListDisputes.ListDisputes.Map(disputes).RequireAuthorization(Platform.Auth.Policies.Staff);
        GetDispute.GetDispute.Map(disputes);
        RegistryLinks.DisputePlace.Map(disputes);
        ActOnDispute.ActOnDispute.Map(disputes);
        ScreeningEndpoints.MapScreening(disputes);
        Supervision.SuperviseDisputes.Map(disputes);
        CaseLibrary.ProposeTypicalCase.Map(disputes);
        CaseLibrary.ListTypicalCases.Map(disputes);
        CaseLibrary.SimilarTypicalCases.Map(disputes);
        CaseLibrary.GetTypicalCase.Map(disputes);
        CaseLibrary.ReviewTypicalCase.Map(disputes);
        ResidentCases.MyDisputes.Map(disputes);
        Analysis.GetAnalysis.Map(disputes);
        Analysis.SaveMeeting.Map(disputes);
        Analysis.AddMeasure.Map(disputes);
        Analysis.UpdateMeasure.Map(disputes);
        Analysis.ExportAnalysis.Map(disputes);
        Reporting.StatisticsTable.Map(disputes);
        UrgentReports.FileUrgentReport.Map(disputes);
        UrgentReports.ListUrgentReports.Map(disputes);
        UrgentReports.AcknowledgeUrgentReport.Map(disputes);
        Evidence.UploadDisputeEvidence.Map(disputes, app.Services.GetRequiredService<IOptions<MediaOptions>>().Value);
        Evidence.AttachDisputeEvidence.Map(disputes);
    }
}
