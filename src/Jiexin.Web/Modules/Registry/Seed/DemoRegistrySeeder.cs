using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Data;
using Jiexin.Platform.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.Seed;

/// <summary>
/// A small demo registry (with <c>Jiexin:SeedDemo</c> on and an empty registry): in the first two communities, two grids
/// each, standard addresses with one house each and two or three people per house, a few roads, shops and facilities.
/// ID numbers are synthetic but valid (region 320282, correct check character). After the directory (150) and the
/// personal-data keys (5).
/// </summary>
internal sealed class DemoRegistrySeeder(
    JiexinDbContext db, ITerritoryLookup territory, PersonalDataSealer sealer, IConfiguration configuration, TimeProvider clock, ILogger<DemoRegistrySeeder> logger) : IStartupTask
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "朱", "马", "胡", "郭"];
    private static readonly string[] GivenNames = ["建国", "秀英", "志强", "丽娟", "海涛", "桂兰", "伟", "芳", "明", "静", "磊", "婷", "浩然", "雨桐", "子轩", "欣怡"];
    private static readonly string[] Roads = ["新庄路", "景湖路", "东方大道", "宜城路"];

    public int Order => 170;

    public async Task RunAsync(CancellationToken ct)
    {
        if (!configuration.GetValue("Jiexin:SeedDemo", true) || await db.Set<StandardAddress>().AnyAsync(ct))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var n = 0;
        foreach (var community in territory.Communities.Take(2))
        {
            var grids = territory.GridsOf(community.Id).Take(2).ToList();
            for (var a = 0; a < 12; a++)
            {
                var grid = grids.Count == 0 ? null : grids[a % grids.Count];
                var road = Roads[(a / 3 + n) % Roads.Length];
                var building = $"{a / 4 + 1}幢";
                var room = $"{a % 4 + 1}0{a % 2 + 1}室";
                var address = new StandardAddress
                {
                    Id = Guid.CreateVersion7(now),
                    CommunityId = community.Id,
                    GridId = grid?.Id,
                    Road = road,
                    Number = $"{(a % 3 + 1) * 8}号",
                    Building = building,
                    UnitNo = $"{a % 2 + 1}单元",
                    Room = room,
                    CreatedAt = now,
                };
                address.Label = SaveAddress.CreateAddress.Label(community.Name, address.Road, address.Number, address.Building, address.UnitNo, address.Room);
                db.Add(address);
                var house = new House
                {
                    Id = Guid.CreateVersion7(now),
                    AddressId = address.Id,
                    CommunityId = community.Id,
                    GridId = grid?.Id,
                    Use = a % 6 == 5 ? HouseUse.Mixed : HouseUse.Residential,
                    Structure = a % 3 == 0 ? HouseStructure.BrickConcrete : HouseStructure.ReinforcedConcrete,
                    AreaSquareMeters = 60 + a * 7,
                    IsRented = a % 4 == 3,
                    CreatedAt = now,
                };
                var occupants = 2 + a % 2;
                for (var o = 0; o < occupants; o++, n++)
                {
                    var birth = new DateOnly(1940 + n * 7 % 70, n % 12 + 1, n % 27 + 1);
                    var idNumber = SyntheticIdNumber(birth, n);
                    var name = Surnames[(n * 5 + a) % Surnames.Length] + GivenNames[n * 3 % GivenNames.Length];
                    if (o == 0)
                    {
                        house.OwnerName = name;
                    }

                    List<string> tags = [];
                    if (today.Year - birth.Year >= 75 && occupants == 2) { tags.Add("独居老人"); }
                    if (n % 11 == 4) { tags.Add("低保户"); }
                    if (n % 13 == 6) { tags.Add("残疾人"); }
                    if (n % 17 == 8) { tags.Add("退役军人"); }
                    var person = new Person
                    {
                        Id = Guid.CreateVersion7(now),
                        Name = name,
                        CommunityId = community.Id,
                        GridId = grid?.Id,
                        AddressId = address.Id,
                        HouseId = house.Id,
                        ResidenceType = house.IsRented && o > 0 ? ResidenceType.Floating : n % 23 == 9 ? ResidenceType.Overseas : ResidenceType.Household,
                        RelationToHouse = o == 0 ? (house.IsRented ? HouseRelation.Tenant : HouseRelation.Owner) : house.IsRented ? HouseRelation.Tenant : HouseRelation.FamilyMember,
                        CreatedAt = now,
                        UpdatedAt = now,
                    };
                    sealer.Seal(person, new ValidPerson(name, idNumber, $"139{n:00000000}", birth, ChineseIdNumber.Sex(idNumber), person.ResidenceType, tags, null));
                    db.Add(person);
                }

                db.Add(house);
            }

            var firstGrid = grids.FirstOrDefault();
            db.Add(new Road { Id = Guid.CreateVersion7(now), Name = Roads[n % Roads.Length], CommunityId = community.Id, GridId = firstGrid?.Id, LengthMeters = 850, CreatedAt = now });
            db.Add(new Unit { Id = Guid.CreateVersion7(now), Kind = UnitKind.StreetShop, Name = $"{community.ShortName}便民超市", ContactName = "店长", CommunityId = community.Id, GridId = firstGrid?.Id, CreatedAt = now });
            foreach (var kind in new[] { FacilityKind.StreetLight, FacilityKind.Manhole, FacilityKind.Hydrant })
            {
                db.Add(new Facility { Id = Guid.CreateVersion7(now), Kind = kind, Code = $"{community.ShortName}-{kind}-01", Status = FacilityStatus.Normal, CommunityId = community.Id, GridId = firstGrid?.Id, CreatedAt = now });
            }
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Seeded a demo registry of {People} people", n);
    }

    /// <summary>A checksum-valid 320282 (宜兴) number with the given birth date; the serial's parity gives the sex.</summary>
    internal static string SyntheticIdNumber(DateOnly birth, int serial)
    {
        var first17 = $"320282{birth:yyyyMMdd}{900 + serial % 100:000}";
        return first17 + ChineseIdNumber.CheckCharacter(first17);
    }
}
