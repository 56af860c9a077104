using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Disputes.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Jiexin.Platform.Jobs;
using Jiexin.Platform.Media;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.Disputes.Evidence;

/// <summary>
/// 证据材料 of a case: photos (the platform pipeline: checked, re-encoded, EXIF stripped) and PDF documents (stored as
/// they came, served only as downloads), through Platform/Media's upload-then-attach helper in two owner kinds:
/// <c>dispute-upload</c> (owner = the uploading account, not yet attached) and <c>dispute-evidence</c> (owner = the case).
/// Attached at intake (<c>evidenceIds</c>) or later (<c>POST /api/v1/disputes/{id}/evidence</c>); each attachment is a
/// timeline step. Whoever may see the case may see and add its evidence (docs/decisions/0040-dispute-evidence.md).
/// </summary>
public static class DisputeEvidence
{
    public const string EvidenceKind = "dispute-evidence";
    public const string PendingKind = "dispute-upload";
    public const int MaxPerAttach = 5;
    public const int MaxPerCase = 30;

    /// <summary>Body limit of the resident page's form post: the upload total (Jiexin:Media:MaxUploadBytes, 50 MB) plus the fields.</summary>
    public const long MaxFormBytes = 52L * 1024 * 1024;

    /// <summary>The timeline action of an attachment (not a workflow transition: the state stays).</summary>
    public const string AddEvidenceAction = "AddEvidence";

    public static readonly PendingUploads Uploads = new(PendingKind, EvidenceKind, MaxPerAttach, MaxPerCase, documents: true);

    /// <summary>What <c>accept</c> of a file input offers.</summary>
    public const string Accept = "image/jpeg,image/png,image/webp,application/pdf,.pdf";

    /// <summary>Records the attachment on the case's timeline (and touches the case, so its version moves on).</summary>
    internal static void Record(Dispute d, IReadOnlyList<MediaFile> files, ClaimsPrincipal user, DateTime now, string? note = null)
    {
        var names = string.Join("、", files.Select((f, i) => f.OriginalFileName ?? (f.IsDocument ? $"文件{i + 1}.pdf" : $"照片{i + 1}")));
        var photos = files.Count(f => !f.IsDocument);
        var documents = files.Count - photos;
        var what = string.Join("、", new[] { photos > 0 ? $"照片 {photos} 张" : null, documents > 0 ? $"PDF 文件 {documents} 个" : null }.OfType<string>());
        d.Timeline.Add(new DisputeTimelineEntry
        {
            Id = Guid.CreateVersion7(now),
            DisputeId = d.Id,
            At = now,
            Action = AddEvidenceAction,
            FromStatus = d.Status,
            ToStatus = d.Status,
            ActorUserId = user.GetUserId(),
            ActorName = user.FindFirst(JiexinClaims.DisplayName)?.Value ?? "",
            Note = $"{what}：{names}" + (string.IsNullOrWhiteSpace(note) ? "" : $"｜{note.Trim()}"),
        });
        d.UpdatedAt = now;
    }
}

/// <summary><c>POST /api/v1/disputes/evidence/uploads</c> (multipart <c>files</c>): stored as the caller's pending uploads.</summary>
public static class UploadDisputeEvidence
{
    public sealed class Handler(JiexinDbContext db, IMediaStore store, IOptions<MediaOptions> options)
    {
        public Task<MediaBatchResult> Handle(IReadOnlyList<IFormFile> files, ClaimsPrincipal user, CancellationToken ct) =>
            DisputeEvidence.Uploads.StoreAsync(db, store, options.Value, files, user, ct);

        public Task<MediaBatchResult> Handle(IReadOnlyList<IBrowserFile> files, ClaimsPrincipal user, CancellationToken ct) =>
            DisputeEvidence.Uploads.StoreAsync(db, store, options.Value, files, user, ct);
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder disputes, MediaOptions options) =>
        DisputeEvidence.Uploads.MapUpload(disputes, "/evidence/uploads", "files", options)
            .WithName("Disputes.UploadEvidence");
}

/// <summary>
/// <c>POST /api/v1/disputes/{id}/evidence</c> <c>{"evidenceIds":[...], "note"}</c>: the caller's pending uploads attached to
/// the case, all or nothing, by staff who may see it (desk or receiver) or a party on their own case. Not visible → 404;
/// a closed or rejected case takes no more evidence (409).
/// </summary>
public static class AttachDisputeEvidence
{
    public const int MaxNote = 200;

    public sealed record Request(IReadOnlyList<Guid>? EvidenceIds, string? Note = null);

    public enum Status
    {
        Done,
        NotFound,
        Invalid,
        Conflict,
    }

    public sealed record Outcome(Status Status, IReadOnlyList<MediaRef>? Evidence = null, string? Message = null, string? Field = null);

    public sealed class Handler(JiexinDbContext db, DisputeAccess access, TimeProvider clock)
    {
        public async Task<Outcome> Handle(Guid id, Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            var d = await db.Set<Dispute>().Include(x => x.Parties).SingleOrDefaultAsync(x => x.Id == id, ct);
            if (d is null || !await access.CanSeeAsync(user, d))
            {
                return new(Status.NotFound, Message: "未找到该纠纷。");
            }

            if (body.EvidenceIds is not { Count: > 0 })
            {
                return new(Status.Invalid, Message: "请先上传证据文件，再提交其编号（evidenceIds）。", Field: "evidenceIds");
            }

            if (body.Note?.Trim().Length > MaxNote)
            {
                return new(Status.Invalid, Message: $"说明不能超过 {MaxNote} 个字。", Field: "note");
            }

            if (d.Status is DisputeStatus.Closed or DisputeStatus.Rejected)
            {
                return new(Status.Conflict, Message: $"该纠纷已{DisputeRules.StatusName(d.Status)}，不能再补充证据。");
            }

            var (files, error) = await DisputeEvidence.Uploads.FindAsync(db, body.EvidenceIds, user.GetUserId(), ct, ownerId: d.Id);
            if (files is null)
            {
                return new(Status.Invalid, Message: error, Field: "evidenceIds");
            }

            DisputeEvidence.Uploads.Attach(db, files, d.Id);
            DisputeEvidence.Record(d, files, user, clock.GetUtcNow().UtcDateTime, body.Note);
            await db.SaveChangesAsync(ct);
            return new(Status.Done, await DisputeEvidence.Uploads.OfOwnerAsync(db, d.Id, ct));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder disputes) =>
        disputes.MapPost("/{id:guid}/evidence", async Task<Results<Ok<IReadOnlyList<MediaRef>>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(id, body, user, ct);
                return outcome.Status switch
                {
                    Status.Done => TypedResults.Ok(outcome.Evidence!),
                    Status.Invalid => Problems.Validation(outcome.Field ?? "evidenceIds", outcome.Message!),
                    Status.Conflict => Problems.Conflict(outcome.Message!),
                    _ => Problems.NotFound(outcome.Message!),
                };
            })
            .WithName("Disputes.AttachEvidence");
}

/// <summary>A case's evidence: whoever may see the case (mediators in scope, community staff of its community, its parties).</summary>
internal sealed class DisputeEvidenceAccess(JiexinDbContext db, DisputeAccess access) : IMediaAccessRule
{
    public async Task<bool> CanViewAsync(ClaimsPrincipal user, MediaOwner owner, CancellationToken ct)
    {
        var d = await db.Set<Dispute>().AsNoTracking().Include(x => x.Parties).SingleOrDefaultAsync(x => x.Id == owner.Id, ct);
        return d is not null && await access.CanSeeAsync(user, d);
    }
}

/// <summary>Evidence uploaded and never attached within a day is forgotten (one conditional DELETE; the orphan sweep removes the files).</summary>
public sealed class ExpireEvidenceUploadsJob(JiexinDbContext db, TimeProvider clock) : IRecurringJob
{
    public string Name => "disputes-expire-evidence-uploads";

    public Task<int> RunOnceAsync(CancellationToken ct) => DisputeEvidence.Uploads.ExpireAsync(db, clock.GetUtcNow().UtcDateTime, ct);
}
