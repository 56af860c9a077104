
namespace Jiexin.Platform.Media;

/// <summary>The shared photo pipeline (docs/decisions/0010-photo-pipeline.md): store, serve, sweep orphans.</summary>
internal static class MediaModule
{
    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MediaStorage>();
        services.AddSingleton<MediaDecodeGate>();
        services.AddScoped<IMediaStore, MediaStore>();
        services.AddScoped<GetMedia.GetMedia.Handler>();
        services.AddSingleton<MediaOrphanSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<MediaOrphanSweeper>());
        return builder;
    }

    /// <summary><c>/api/v1/media</c>.</summary>
    public static RouteGroupBuilder MapMediaApi(this RouteGroupBuilder api)
    {
        var media = api.MapGroup("/media").WithTags("Media");
        GetMedia.GetMedia.Map(media);
        return api;
    }
}
