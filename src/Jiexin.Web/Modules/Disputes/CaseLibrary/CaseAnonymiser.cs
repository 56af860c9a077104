using System.Text;
using System.Text.RegularExpressions;

namespace Jiexin.Modules.Disputes.CaseLibrary;

/// <summary>
/// Takes the people out of a case's text before a person reviews it for the case library: ID numbers, phones (mobile
/// and landline) and any other long number go; house numbers (号/栋/幢/单元/室…) become 某; the case's own party names
/// become 王某某 (organisations 某公司 …), and other names the text shows as names — after a role word (申请人、邻居、业主 …)
/// or before a form of address (女士、先生、师傅 …) — become 张某, there and wherever else they appear. Names nothing marks
/// as names are the reviewer's to catch: that is why a person reads every case before it is published. Applied again on every edit, so a reviewer cannot
/// put a number back by mistake.
/// </summary>
public static partial class CaseAnonymiser
{
    public sealed record Party(string Name, bool IsOrganisation = false);

    public const string IdNumberMark = "（身份证号略）";
    public const string PhoneMark = "（电话略）";
    public const string NumberMark = "（号码略）";

    /// <summary>Two-character surnames first, so 欧阳 is not read as 欧.</summary>
    public static readonly IReadOnlyList<string> CompoundSurnames =
        ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "钟离", "端木", "南宫", "西门"];

    /// <summary>The commonest single-character surnames (well over 90% of the population).</summary>
    public const string Surnames =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

    /// <summary>Words after which a name usually follows.</summary>
    private const string RoleWords =
        "被申请人|申请人|当事人|户主|业主|租户|房东|房主|村民|居民|邻居|丈夫|妻子|儿子|女儿|父亲|母亲|老人|证人|经办人|负责人|员工|工人|司机|患者|家属|同事|朋友|老板|承租人|出租人|借款人|出借人|买方|卖方|网格员|楼长";

    /// <summary>Forms of address that follow a name.</summary>
    private const string Addresses = "女士|先生|老人|师傅|阿姨|大爷|大妈|大伯|老师|同志|老汉";

    /// <summary>Characters that end a name read after a role word (申请人王五称 → 王五, not 王五称).</summary>
    private const string NameEnders = "称说与和等在向因的了是于将把被对已也都要拒同认表未不家门前里楼找到去来从为有没就还又再";

    /// <summary>Surnames that are also prepositions after a role word (被申请人于十日内…, 申请人向法院…): read as words when a numeral or a pronoun follows.</summary>
    private const string PrepositionSurnames = "于向和与同对从由为";

    private const string NotAGivenNameStart = "一二三四五六七八九十百千两0123456789本该其此这那";

    private static readonly string SurnamePattern = $"(?:{string.Join("|", CompoundSurnames)}|[{Surnames}])";
    private const string GivenChar = @"[\p{IsCJKUnifiedIdeographs}-[某]]";

    [GeneratedRegex(@"(?<![0-9])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9])")]
    private static partial Regex IdNumber18();

    [GeneratedRegex(@"(?<![0-9])(?:\+?86[\s\-]?)?1[3-9]\d(?:[\s\-]?\d{4}){2}(?![0-9])")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"(?<![0-9])(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3})[\s\-]?(?:\d{7,8}|\d{3,4}[\s\-]\d{4})(?![0-9])")]
    private static partial Regex Landline();

    [GeneratedRegex(@"\d{7,}")]
    private static partial Regex LongNumber();

    [GeneratedRegex(@"[0-9]+(?:[\-－][0-9]+)?[A-Za-z]?\s*(?=号楼|号院|号|栋|幢|单元|室|弄|层|楼|座|户)")]
    private static partial Regex ArabicHouseNumber();

    [GeneratedRegex(@"[A-Za-z](?=座|栋|幢|单元)|[一二三四五六七八九十百零〇两]+(?=号楼|号院|号|栋|幢|单元|室|弄)")]
    private static partial Regex OtherHouseNumber();

    private static readonly Regex NameAfterRole = new(
        $"(?<role>{RoleWords})(?<sep>[:：，,、\\s]?)(?<name>{SurnamePattern}{GivenChar}{{1,2}})", RegexOptions.CultureInvariant);

    private static readonly Regex NameBeforeAddress = new(
        $"(?<name>{SurnamePattern}{GivenChar}{{1,2}}?)(?={Addresses}|[（(][男女])", RegexOptions.CultureInvariant);

    public static string Anonymise(string? text, IReadOnlyCollection<Party> parties)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var s = HalfWidthDigits(text);
        s = IdNumber18().Replace(s, IdNumberMark);
        s = Mobile().Replace(s, PhoneMark);
        s = Landline().Replace(s, PhoneMark);
        s = LongNumber().Replace(s, NumberMark);
        s = ArabicHouseNumber().Replace(s, "某");
        s = OtherHouseNumber().Replace(s, "某");
        s = ReplaceParties(s, parties);
        var marked = new HashSet<string>(StringComparer.Ordinal);
        s = NameAfterRole.Replace(s, m =>
        {
            var name = m.Groups["name"].Value;
            var surname = SurnameOf(name);
            if (surname.Length == 1 && PrepositionSurnames.Contains(surname[0]) && NotAGivenNameStart.Contains(name[1]))
            {
                return m.Value;
            }

            // A three-character match whose last character usually starts the next word: keep that character.
            var rest = name.Length - surname.Length == 2 && NameEnders.Contains(name[^1]) ? name[^1..] : "";
            marked.Add(name[..^rest.Length]);
            return m.Groups["role"].Value + m.Groups["sep"].Value + surname + "某" + rest;
        });
        s = NameBeforeAddress.Replace(s, m =>
        {
            marked.Add(m.Groups["name"].Value);
            return SurnameOf(m.Groups["name"].Value) + "某";
        });
        return ReplaceMarkedElsewhere(s, marked);
    }

    /// <summary>
    /// A name the text marks once is a name wherever it appears (邻居李强称… 李强后来… → 李某 both times). This may also
    /// mask a place that contains it (租户和平 … 和平里小区 → 和某里小区): privacy first; the reviewer can put the place back.
    /// </summary>
    private static string ReplaceMarkedElsewhere(string s, HashSet<string> marked)
    {
        foreach (var name in marked.OrderByDescending(n => n.Length))
        {
            s = s.Replace(name, SurnameOf(name) + "某", StringComparison.Ordinal);
        }

        return s;
    }

    public static string SurnameOf(string name) =>
        CompoundSurnames.FirstOrDefault(c => name.StartsWith(c, StringComparison.Ordinal)) ?? name[..1];

    private static string ReplaceParties(string s, IReadOnlyCollection<Party> parties)
    {
        var replacements = new List<(string From, string To)>();
        foreach (var party in parties)
        {
            var name = party.Name.Trim();
            if (name.Length < 2 || name.Contains('某'))
            {
                continue;
            }

            if (party.IsOrganisation)
            {
                replacements.Add((name, OrganisationMark(name)));
                continue;
            }

            var surname = SurnameOf(name);
            replacements.Add((name, surname + "某某"));
            var given = name[surname.Length..];
            if (given.Length >= 2)
            {
                replacements.Add((given, "某某"));
            }
        }

        // Longest first: 王建国 before 建国.
        foreach (var (from, to) in replacements.OrderByDescending(r => r.From.Length))
        {
            s = s.Replace(from, to, StringComparison.Ordinal);
        }

        return s;
    }

    private static string OrganisationMark(string name)
    {
        foreach (var kind in new[] { "有限责任公司", "有限公司", "公司", "物业", "厂", "店", "医院", "学校", "合作社", "超市", "中心", "委员会" })
        {
            if (name.EndsWith(kind, StringComparison.Ordinal))
            {
                return "某" + kind;
            }
        }

        return "某单位";
    }

    private static string HalfWidthDigits(string text)
    {
        if (!text.Any(c => c is >= '０' and <= '９'))
        {
            return text;
        }

        var b = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            b.Append(c is >= '０' and <= '９' ? (char)('0' + (c - '０')) : c);
        }

        return b.ToString();
    }
}
