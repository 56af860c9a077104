using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Platform.Media.GetMedia;

/// <summary>
/// <c>GET /api/v1/media/{id}</c> and <c>…/thumbnail</c>: the stored JPEG, to whoever the owner module's
/// <see cref="IMediaAccessRule"/> lets see the owner. Unknown photo, owner kind without a rule, or a "no" from the rule
/// all answer the same 404, so ids cannot be probed.
/// </summary>
public static class GetMedia
{
    public sealed record Query(Guid Id, MediaVariant Variant);

    /// <summary>What to stream; the caller disposes <see cref="Content"/>.</summary>
    public sealed record Found(Stream Content, string ContentType, string ETag, DateTime CreatedAt, string? DownloadName = null);

    public sealed class Handler(JiexinDbContext db, IServiceProvider services, IMediaStore store)
    {
        public async Task<Found?> Handle(Query query, ClaimsPrincipal user, CancellationToken ct)
        {
            var media = await db.Set<MediaFile>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == query.Id, ct);
            if (media is null)
            {
                return null;
            }

            var rule = services.GetKeyedService<IMediaAccessRule>(media.OwnerKind);
            if (rule is null || !await rule.CanViewAsync(user, media.Owner, ct))
            {
                return null;
            }

            // A document has one file, served from the main address; it has no thumbnail.
            if (media.IsDocument && query.Variant == MediaVariant.Thumbnail)
            {
                return null;
            }

            var content = store.OpenRead(media, media.IsDocument ? MediaVariant.Document : query.Variant);
            if (content is null)
            {
                return null;
            }

            // The files under an id never change: the stored bytes' hash is a strong validator for both variants.
            var etag = query.Variant == MediaVariant.Thumbnail ? $"\"t-{media.Sha256}\"" : $"\"{media.Sha256}\"";
            return new Found(content, media.ContentType, etag, media.CreatedAt,
                media.IsDocument ? DownloadName(media) : null);
        }
    }

    /// <summary>The original name (already sanitised at upload) with a .pdf ending, else one made from the id.</summary>
    private static string DownloadName(MediaFile media)
    {
        var name = string.IsNullOrWhiteSpace(media.OriginalFileName) ? media.Id.ToString() : media.OriginalFileName;
        return name.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? name : name + ".pdf";
    }

    public static void Map(RouteGroupBuilder media)
    {
        media.MapGet("/{id:guid}", (Guid id, HttpContext http, Handler handler, CancellationToken ct) =>
                Serve(new Query(id, MediaVariant.Photo), http, handler, ct))
            .WithName("Media.GetPhoto");
        media.MapGet("/{id:guid}/thumbnail", (Guid id, HttpContext http, Handler handler, CancellationToken ct) =>
                Serve(new Query(id, MediaVariant.Thumbnail), http, handler, ct))
            .WithName("Media.GetThumbnail");
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Serve(Query query, HttpContext http, Handler handler, CancellationToken ct)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        var found = await handler.Handle(query, http.User, ct);
        if (found is null)
        {
            return Problems.NotFound(T("未找到该文件，或您无权查看。", "No such file, or you may not see it."));
        }

        // Per user (private) and immutable under its id; a 304 answers If-None-Match only after the access check above.
        headers.CacheControl = "private, max-age=31536000, immutable";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        if (found.DownloadName is { } download)
        {
            // Documents are kept as uploaded (scripts and all), so a browser never renders one in our origin: always a download.
            headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = download }.ToString();
        }
        else
        {
            headers.ContentDisposition = "inline";
        }

        return TypedResults.Stream(found.Content, found.ContentType,
            lastModified: new DateTimeOffset(found.CreatedAt, TimeSpan.Zero),
            entityTag: EntityTagHeaderValue.Parse(found.ETag));
    }
}
