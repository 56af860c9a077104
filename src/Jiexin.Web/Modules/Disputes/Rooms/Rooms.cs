using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.Rooms;

public sealed record RoomDto(Guid Id, string Name, IReadOnlyList<string> Specialties, Guid? LeadUserId, string? LeadName);

public sealed record MediatorDto(Guid Id, string Name);

/// <summary>Who can receive a routed case: brand mediation rooms (by specialty) and the mediators.</summary>
public static class ListReceivers
{
    public sealed record Receivers(IReadOnlyList<RoomDto> Rooms, IReadOnlyList<MediatorDto> Mediators);

    public sealed class Handler(JiexinDbContext db)
    {
        public async Task<Receivers> Handle(CancellationToken ct)
        {
            var rooms = await db.Set<MediationRoom>().AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Name).ToListAsync(ct);
            var mediators = await ActOnDispute.ActOnDispute.MediatorsQuery(db).OrderBy(u => u.UserName).Select(u => new MediatorDto(u.Id, u.DisplayName)).ToListAsync(ct);
            return new(
                [.. rooms.Select(r => new RoomDto(r.Id, r.Name, r.Specialties.Split(',', StringSplitOptions.RemoveEmptyEntries), r.LeadUserId, r.LeadName))],
                mediators);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder disputes) =>
        disputes.MapGet("/receivers", async Task<Ok<Receivers>> (Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.Handle(ct)))
            .RequireAuthorization(Platform.Auth.Policies.Staff)
            .WithName("Disputes.ListReceivers");
}

/// <summary>Seeds the centre's brand mediation rooms (新庄 practice: 品牌调解室 and the 法官+ station) once, led by the demo mediator when present.</summary>
internal sealed class MediationRoomSeeder(JiexinDbContext db, TimeProvider clock) : IStartupTask
{
    public int Order => 210; // after the accounts (200): a room's lead is an account

    public async Task RunAsync(CancellationToken ct)
    {
        if (await db.Set<MediationRoom>().AnyAsync(ct))
        {
            return;
        }

        var lead = await db.Set<JiexinUser>().AsNoTracking().Where(u => u.UserName == "mediator01").Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        if (lead is null)
        {
            return; // a real centre enters its own rooms
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.AddRange(
            new MediationRoom { Id = Guid.CreateVersion7(now), Name = "老娘舅邻里调解室", Specialties = "neighbour,marriage_family,property_service", LeadUserId = lead.Id, LeadName = lead.DisplayName },
            new MediationRoom { Id = Guid.CreateVersion7(now), Name = "劳动争议调解室", Specialties = "labour,contract_debt", LeadUserId = lead.Id, LeadName = lead.DisplayName },
            new MediationRoom { Id = Guid.CreateVersion7(now), Name = "交通医疗专业调解室", Specialties = "traffic,medical,damages", LeadUserId = lead.Id, LeadName = lead.DisplayName });
        await db.SaveChangesAsync(ct);
    }
}
