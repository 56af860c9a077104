using System.Collections.Concurrent;
using System.Security.Claims;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Platform.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Jiexin.IntegrationTests.Platform.Media;

/// <summary>
/// The app with one owner kind of the tests' own, <see cref="MediaTestHost.Kind"/>, whose access rule lets a user see
/// an owner's photos only when a test said so (<see cref="PhotoGrants"/>). Production code registers no rule yet.
/// </summary>
public static class MediaTestHost
{
    public const string Kind = "test-photo";

    /// <summary>A multipart upload endpoint shaped as an owner module would write one (tests only).</summary>
    public const string UploadPath = "/test-media/upload";

    public static void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<PhotoGrants>();
            services.AddMediaAccessRule<GrantedPhotoAccess>(Kind);
            services.AddSingleton<IStartupFilter, UploadEndpoint>();
        });

    /// <summary>
    /// <c>POST /test-media/upload?owner={guid}</c>, multipart field <c>photos</c>: all photos stored and committed with one
    /// SaveChanges, or the refusal as problem+json. Mapped on a branch of its own: production maps no such endpoint.
    /// </summary>
    private sealed class UploadEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map(UploadPath, branch =>
            {
                branch.UseRouting();
                branch.UseEndpoints(endpoints =>
                {
                    var limits = MediaUploadLimits.From(endpoints.ServiceProvider.GetRequiredService<IOptions<MediaOptions>>().Value, maxFiles: 3);
                    endpoints.MapPost("/", async (Guid owner, HttpRequest request, IMediaStore store, JiexinDbContext db, CancellationToken ct) =>
                        {
                            var form = await request.ReadFormAsync(ct);
                            var saved = await store.SaveFormFilesAsync(form.Files.GetFiles("photos"), new MediaOwner(Kind, owner), request.HttpContext.User, limits, ct);
                            if (!saved.Succeeded)
                            {
                                return (IResult)saved.ToProblem();
                            }

                            db.AddRange(saved.Saved);
                            await db.SaveChangesAsync(ct);
                            return TypedResults.Ok(saved.Saved.Select(m => m.ToRef()).ToList());
                        })
                        .AcceptsPhotos(limits);
                });
            });
            next(app);
        };
    }

    /// <summary>A small JPEG made in code: two colours side by side.</summary>
    public static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawRect(0, 0, width / 2f, height, paint);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data!.ToArray();
    }
}

/// <summary>Which user name may see which owner's photos.</summary>
public sealed class PhotoGrants
{
    private readonly ConcurrentDictionary<(Guid OwnerId, string UserName), bool> _grants = new();

    public void Allow(Guid ownerId, string userName) => _grants[(ownerId, userName)] = true;

    public bool IsAllowed(Guid ownerId, string? userName) => userName is not null && _grants.ContainsKey((ownerId, userName));
}

internal sealed class GrantedPhotoAccess(PhotoGrants grants) : IMediaAccessRule
{
    public Task<bool> CanViewAsync(ClaimsPrincipal user, MediaOwner owner, CancellationToken ct) =>
        Task.FromResult(grants.IsAllowed(owner.Id, user.Identity?.Name));
}

public sealed class MediaSqliteApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        MediaTestHost.Configure(builder);
    }
}

public sealed class MediaPostgresApp : PostgresApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        MediaTestHost.Configure(builder);
    }
}
