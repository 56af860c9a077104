using Jiexin.Data;
using Jiexin.Modules.SelfGovernance.Contracts;
using Jiexin.Modules.SelfGovernance.Deliberations.Meetings;
using Jiexin.Modules.SelfGovernance.Deliberations.Notices;
using Jiexin.Modules.SelfGovernance.Deliberations.Topics;
using Jiexin.Modules.SelfGovernance.Deliberations.Venues;
using Jiexin.Modules.SelfGovernance.Figures;
using Jiexin.Modules.SelfGovernance.Shared;
using Jiexin.Platform.Data;
using Jiexin.Platform.Jobs;

namespace Jiexin.Modules.SelfGovernance;

/// <summary>居民自治: 四方议事 (deliberation), 联户创建 (household groups), 居民自治章程 (charter) — docs/decisions/0028-self-governance.md.</summary>
public static class SelfGovernanceModule
{
    public static WebApplicationBuilder AddSelfGovernance(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IEntityModelSource>(new NamespaceModelSource(typeof(SelfGovernanceModule).Assembly, "Jiexin.Modules.SelfGovernance"));
        services.AddScoped<SelfGovernanceAccess>();
        services.AddScoped<ListVenues.Handler>();
        services.AddScoped<SaveVenue.Handler>();
        services.AddScoped<IStartupTask, DemoVenueSeeder>();
        services.AddScoped<IStartupTask, Seed.DemoDeliberationsSeeder>();
        services.AddScoped<ProposeTopic.Handler>();
        services.AddScoped<ListTopics.Handler>();
        services.AddScoped<ActOnTopic.Handler>();
        services.AddScoped<ITopicsFromNeeds, TopicsFromNeeds>();
        services.AddScoped<ScheduleMeeting.Handler>();
        services.AddScoped<ListMeetings.Handler>();
        services.AddScoped<GetMeeting.Handler>();
        services.AddScoped<ActOnMeeting.Handler>();
        services.AddScoped<ActOnResolution.Handler>();
        services.AddScoped<ListNotices.Handler>();
        services.AddScoped<Deliberations.Reminders.RemindResolutionTasks.Handler>();
        services.AddRecurringJob<Deliberations.Reminders.RemindResolutionTasksJob>();
        services.AddScoped<ISelfGovernanceFigures, SelfGovernanceFigures>();
        services.AddScoped<HouseholdGroups.ListHouseholdGroups.Handler>();
        services.AddScoped<HouseholdGroups.GetHouseholdGroup.Handler>();
        services.AddScoped<HouseholdGroups.SaveHouseholdGroup.Handler>();
        services.AddScoped<HouseholdGroups.ChangeHouseholdGroup.Handler>();
        services.AddScoped<HouseholdGroups.RemindGroupTasks.Handler>();
        services.AddRecurringJob<HouseholdGroups.RemindGroupTasksJob>();
        services.AddScoped<Charters.CharterHandler>();
        return builder;
    }

    public static void MapSelfGovernance(this WebApplication app, RouteGroupBuilder api)
    {
        var deliberations = api.MapGroup("/deliberations").WithTags("Deliberations");
        ListVenues.Map(deliberations);
        SaveVenue.Map(deliberations);
        ProposeTopic.Map(deliberations);
        ListTopics.Map(deliberations);
        ActOnTopic.Map(deliberations);
        ScheduleMeeting.Map(deliberations);
        ListMeetings.Map(deliberations);
        GetMeeting.Map(deliberations);
        ActOnMeeting.Map(deliberations);
        ActOnResolution.Map(deliberations);
        ListNotices.Map(deliberations);
        HouseholdGroups.HouseholdGroupEndpoints.Map(api);
        Charters.CharterEndpoints.Map(api);
    }
}
