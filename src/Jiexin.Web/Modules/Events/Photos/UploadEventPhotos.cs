using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Jiexin.Platform.Media;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.Events.Photos;

/// <summary>
/// <c>POST /api/v1/events/photos</c> (multipart, field <c>photos</c>, up to 5): the API's first step for photos. The
/// photos are stored (checked, re-encoded, EXIF stripped) as the caller's unattached uploads, and their ids are then
/// sent as <c>photoIds</c> with <c>POST /events</c> or with an action. Two steps let a phone on a flaky network retry
/// each part on its own, and keep intake JSON (and cheap) for the many reports that have no photo.
/// </summary>
public static class UploadEventPhotos
{
    public sealed class Handler(JiexinDbContext db, IMediaStore store, IOptions<MediaOptions> options)
    {
        /// <summary>Photos of a multipart form (the API, the phone pages).</summary>
        public Task<MediaBatchResult> Handle(IReadOnlyList<IFormFile> files, ClaimsPrincipal user, CancellationToken ct) =>
            StoreAsync(user, owner => store.SaveFormFilesAsync(files, owner, user, EventPhotos.Limits(options.Value), ct), ct);

        /// <summary>Photos an <c>InputFile</c> gave (the console's step dialog).</summary>
        public Task<MediaBatchResult> Handle(IReadOnlyList<Microsoft.AspNetCore.Components.Forms.IBrowserFile> files, ClaimsPrincipal user, CancellationToken ct) =>
            StoreAsync(user, owner => store.SaveBrowserFilesAsync(files, owner, user, EventPhotos.Limits(options.Value), ct), ct);

        private async Task<MediaBatchResult> StoreAsync(ClaimsPrincipal user, Func<MediaOwner, Task<MediaBatchResult>> save, CancellationToken ct)
        {
            var userId = user.GetUserId() ?? throw new InvalidOperationException("An authenticated user has an id.");
            var saved = await save(new MediaOwner(EventPhotos.PendingKind, userId));
            if (saved.Succeeded)
            {
                db.AddRange(saved.Saved);
                await db.SaveChangesAsync(ct);
            }

            return saved;
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder events, MediaUploadLimits limits) =>
        events.MapPost("/photos", async Task<Results<Created<List<MediaRef>>, ValidationProblem, ProblemHttpResult>> (
                HttpRequest request, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                if (!request.HasFormContentType)
                {
                    return Problems.Validation("photos", "请以 multipart/form-data 上传照片（字段名 photos）。");
                }

                var form = await request.ReadFormAsync(ct);
                var files = form.Files.GetFiles("photos");
                if (files.Count == 0)
                {
                    return Problems.Validation("photos", "请至少选择一张照片（字段名 photos）。");
                }

                var saved = await handler.Handle(files, user, ct);
                return saved.Succeeded
                    ? TypedResults.Created((string?)null, saved.Saved.Select(m => m.ToRef()).ToList())
                    : saved.ToProblem();
            })
            .AcceptsPhotos(limits)
            .WithName("Events.UploadEventPhotos");
}
