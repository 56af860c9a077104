using Jiexin.Data;
using Jiexin.Modules.ServiceLists.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Data;
using Jiexin.Platform.Jobs;
using Jiexin.Platform.Media;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.ServiceLists;

/// <summary>三张清单 (needs, resources, service items, monthly, closed one by one) and 三级书记项目 (docs/decisions/0029-service-lists.md).</summary>
public static class ServiceListsModule
{
    public static WebApplicationBuilder AddServiceLists(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IEntityModelSource>(new NamespaceModelSource(typeof(ServiceListsModule).Assembly, "Jiexin.Modules.ServiceLists"));
        services.AddScoped<ListAccess>();
        services.AddScoped<ItemWriter>();
        services.AddScoped<ItemReader>();
        services.AddScoped<CreateItem.CreateItem.Handler>();
        services.AddScoped<GetItem.GetItem.Handler>();
        services.AddScoped<RaiseTopic.RaiseTopic.Handler>();
        services.AddScoped<UpdateItem.UpdateItem.Handler>();
        services.AddScoped<CloseItem.CloseItem.Handler>();
        services.AddScoped<Evidence.UploadEvidencePhotos.Handler>();
        services.AddMediaAccessRule<Evidence.EvidencePhotoAccess>(Evidence.EvidencePhotos.EvidenceKind);
        services.AddMediaAccessRule<PendingUploadAccess>(Evidence.EvidencePhotos.PendingKind);
        services.AddRecurringJob<Evidence.ExpireEvidenceUploadsJob>();
        services.AddScoped<RevealContact.RevealContact.Handler>();
        services.AddScoped<ListItems.ListItems.Handler>();
        services.AddScoped<SuggestResources.SuggestResources.Handler>();
        services.AddScoped<Publication.PublishMonth.Handler>();
        services.AddScoped<Publication.GetPublishedLists.Handler>();
        services.AddScoped<ExportMonth.ExportMonth.Handler>();
        services.AddScoped<ResidentNeeds.SubmitNeed.Handler>();
        services.AddScoped<ResidentNeeds.ListMyNeeds.Handler>();
        services.AddScoped<RollOver.RollOverLists.Handler>();
        services.AddRecurringJob<RollOver.RollOverListsJob>();
        services.AddScoped<Contracts.IServiceListFigures, Figures.ServiceListFigures>();
        services.AddScoped<SecretaryProjects.ProjectAccess>();
        services.AddScoped<SecretaryProjects.ProjectReader>();
        services.AddScoped<SecretaryProjects.CreateProject.Handler>();
        services.AddScoped<SecretaryProjects.GetProject.Handler>();
        services.AddScoped<SecretaryProjects.ProjectTree.Handler>();
        services.AddScoped<SecretaryProjects.ChangeProject.Handler>();
        services.AddScoped<IStartupTask, Seed.DemoListsSeeder>();
        return builder;
    }

    public static void MapServiceLists(this WebApplication app, RouteGroupBuilder api)
    {
        var lists = api.MapGroup("/lists").WithTags("ServiceLists");
        var staff = lists.MapGroup("").RequireAuthorization(Policies.Staff);
        ListItems.ListItems.Map(staff);
        CreateItem.CreateItem.Map(staff);
        UpdateItem.UpdateItem.Map(staff);
        CloseItem.CloseItem.Map(staff);
        Evidence.UploadEvidencePhotos.Map(staff, app.Services.GetRequiredService<IOptions<MediaOptions>>().Value);
        RevealContact.RevealContact.Map(staff);
        RaiseTopic.RaiseTopic.Map(staff);
        SuggestResources.SuggestResources.Map(staff);
        Publication.PublishMonth.Map(staff);
        ExportMonth.ExportMonth.Map(staff);
        // Staff and the resident who raised a need; the handler decides.
        GetItem.GetItem.Map(lists);
        Publication.GetPublishedLists.Map(lists);
        ResidentNeeds.SubmitNeed.Map(lists);
        ResidentNeeds.ListMyNeeds.Map(lists);

        var projects = api.MapGroup("/secretary-projects").WithTags("SecretaryProjects").RequireAuthorization(Policies.Staff);
        SecretaryProjects.ProjectTree.Map(projects);
        SecretaryProjects.CreateProject.Map(projects);
        SecretaryProjects.GetProject.Map(projects);
        SecretaryProjects.ChangeProject.Map(projects);
    }
}
