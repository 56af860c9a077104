using Jiexin.Data;
using Jiexin.Modules.Attribution.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Attribution.Seed;

/// <summary>
/// Demo routing rules (with <c>Jiexin:SeedDemo</c> on and no rule yet): in the three communities that have their own
/// property company, lifts, leaks and property service go to that company rather than to 住建 or 市场监管. Runs
/// after the territory directory has loaded (150), since it finds communities and departments through it.
/// </summary>
internal sealed class DemoRoutingRulesSeeder(JiexinDbContext db, ITerritoryLookup territory, IConfiguration configuration, ILogger<DemoRoutingRulesSeeder> logger) : IStartupTask
{
    /// <summary>Community name → the ShortName of its property company (the demo territory's).</summary>
    internal static readonly IReadOnlyList<(string Community, string PropertyCompany)> PropertyCompanies =
        [("景湖社区", "景湖物业"), ("新塍社区", "新塍物业"), ("东方社区", "东方物业")];

    /// <summary>电梯故障, 房屋漏水, 物业服务.</summary>
    internal static readonly IReadOnlyList<string> PropertyCategories = ["0501", "0502", "0503"];

    public int Order => 160;

    public async Task RunAsync(CancellationToken ct)
    {
        if (!configuration.GetValue("Jiexin:SeedDemo", true) || await db.Set<RoutingRule>().AnyAsync(ct))
        {
            return;
        }

        var added = 0;
        foreach (var (communityName, companyShortName) in PropertyCompanies)
        {
            var community = territory.Communities.FirstOrDefault(c => c.Name == communityName);
            var company = territory.FindDepartmentByShortName(companyShortName);
            if (community is null || company is null)
            {
                continue;
            }

            foreach (var code in PropertyCategories)
            {
                db.Add(new RoutingRule
                {
                    Id = Guid.CreateVersion7(),
                    CategoryCode = code,
                    CommunityId = community.Id,
                    DepartmentId = company.Id,
                    Note = $"{communityName}由{company.Name}负责（演示数据）",
                });
                added++;
            }
        }

        if (added > 0)
        {
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Seeded {Rules} demo routing rules", added);
        }
    }
}
