using Jiexin.Modules.Territory.Domain;

namespace Jiexin.Modules.Territory.Seed;

/// <summary>
/// The names of the demo subdistrict: a Xinzhuang-like 新庄街道 of 宜兴市 (320282). Plausible, not official:
/// the street is marked as demo data and every name can be edited or the whole demo replaced.
/// </summary>
public static class DemoTerritoryCatalog
{
    public const string StreetName = "新庄街道";

    /// <summary>行政区划代码 of the street: 宜兴市 320282 + a township number.</summary>
    public const string StreetCode = "320282004";

    public sealed record CommunitySeed(string Name, string Code, CommunityKind Kind, string GridCodePrefix);

    public sealed record DepartmentSeed(string Name, string ShortName, DepartmentKind Kind);

    /// <summary>
    /// In display order, matching the layout's clusters: the centre first (新塍社区, whose first grid the demo
    /// grid worker works in), then clockwise from the north. Codes: 居委会 0xx, 村委会 2xx under the street.
    /// </summary>
    public static readonly IReadOnlyList<CommunitySeed> Communities =
    [
        new("新塍社区", StreetCode + "001", CommunityKind.Community, "XC"),
        new("景湖社区", StreetCode + "002", CommunityKind.Community, "JH"),
        new("新庄社区", StreetCode + "003", CommunityKind.Community, "XZ"),
        new("东方社区", StreetCode + "004", CommunityKind.Community, "DF"),
        new("伏东村", StreetCode + "201", CommunityKind.Village, "FD"),
        new("百合村", StreetCode + "202", CommunityKind.Village, "BH"),
        new("渭渎村", StreetCode + "203", CommunityKind.Village, "WD"),
        new("芳庄村", StreetCode + "204", CommunityKind.Village, "FZ"),
        new("张泽村", StreetCode + "205", CommunityKind.Village, "ZZ"),
    ];

    /// <summary>The parties work is dispatched to (DOMAIN.md). The accounts seeder looks up 城管 and 司法所 by short name.</summary>
    public static readonly IReadOnlyList<DepartmentSeed> Departments =
    [
        new("城市管理中队（综合行政执法）", "城管", DepartmentKind.Functional),
        new("住房和城乡建设办公室", "住建", DepartmentKind.Functional),
        new("生态环境监管站", "生态环境", DepartmentKind.Functional),
        new("市场监督管理所", "市场监管", DepartmentKind.Functional),
        new("新庄派出所", "派出所", DepartmentKind.Functional),
        new("新庄司法所", "司法所", DepartmentKind.Functional),
        new("人社所（劳动保障监察）", "人社", DepartmentKind.Functional),
        new("卫生健康办公室", "卫健", DepartmentKind.Functional),
        new("教育办公室", "教育", DepartmentKind.Functional),
        new("交通运输管理所", "交通", DepartmentKind.Functional),
        new("水利站（水务）", "水务", DepartmentKind.Functional),
        new("应急管理办公室（安全生产）", "应急", DepartmentKind.Functional),
        new("民政办公室", "民政", DepartmentKind.Functional),
        new("供电所（国网供电公司）", "供电", DepartmentKind.Utility),
        new("燃气公司新庄服务站", "燃气", DepartmentKind.Utility),
        new("自来水公司新庄营业所", "自来水", DepartmentKind.Utility),
        new("景湖物业服务有限公司", "景湖物业", DepartmentKind.PropertyCompany),
        new("新塍物业管理有限公司", "新塍物业", DepartmentKind.PropertyCompany),
        new("东方家园物业服务有限公司", "东方物业", DepartmentKind.PropertyCompany),
        new("诉调：人民法庭“法官+”工作站", "诉调", DepartmentKind.MediationChannel),
        new("警调：派出所警调对接室", "警调", DepartmentKind.MediationChannel),
        new("专调：专业性行业性调解委员会（医疗、交通、物业）", "专调", DepartmentKind.MediationChannel),
        new("访调：信访调解室", "访调", DepartmentKind.MediationChannel),
        new("劳调：劳动争议调解委员会", "劳调", DepartmentKind.MediationChannel),
    ];
}
