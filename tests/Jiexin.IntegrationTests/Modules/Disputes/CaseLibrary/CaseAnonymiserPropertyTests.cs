using System.Text.RegularExpressions;
using CsCheck;
using Jiexin.Modules.Disputes.CaseLibrary;
using Jiexin.Platform.Privacy;

namespace Jiexin.IntegrationTests.Modules.Disputes.CaseLibrary;

/// <summary>
/// Issue 6 §9: generated Chinese names (the case's parties and others the text marks as names), valid GB 11643 ID
/// numbers, mobiles and landlines in the ways people write them, and exact addresses embedded in case text — none
/// survives <see cref="CaseAnonymiser"/>. (Pure: no database; kept here beside the API tests of the case library.)
/// </summary>
public sealed partial class CaseAnonymiserPropertyTests
{
    private const string GivenChars = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉春梅海波晓燕鹏飞宇浩然欣怡子轩梓涵思雨佳琪俊峰文斌淑珍凤琴德荣";

    private static readonly Gen<string> Surname = Gen.Frequency(
        (9, Gen.Char[CaseAnonymiser.Surnames].Select(c => c.ToString())),
        (1, Gen.OneOf([.. CaseAnonymiser.CompoundSurnames])));

    private static readonly Gen<string> Name = Gen.Select(Surname, Gen.Char[GivenChars].Array[1, 2], (s, g) => s + new string(g));

    private static readonly Gen<string> IdNumber = Gen.Select(
        Gen.OneOf("320482", "320281", "110105", "440304", "510107", "32058"),
        Gen.Date[new DateTime(1930, 1, 1), new DateTime(2020, 12, 31)],
        Gen.Int[0, 999],
        Gen.Bool,
        (area, birth, serial, lowerX) =>
        {
            var first17 = $"{area.PadRight(6, '1')}{birth:yyyyMMdd}{serial:000}";
            var check = ChineseIdNumber.CheckCharacter(first17);
            return first17 + (lowerX ? char.ToLowerInvariant(check) : check);
        });

    private static readonly Gen<string> Mobile = Gen.Select(Gen.Char["3456789"], Gen.Int[0, 9], Gen.Int[0, 99_999_999], Gen.Int[0, 3],
        (second, third, rest, format) =>
        {
            var digits = $"1{second}{third}{rest:00000000}";
            return format switch
            {
                0 => digits,
                1 => $"{digits[..3]}-{digits[3..7]}-{digits[7..]}",
                2 => $"{digits[..3]} {digits[3..7]} {digits[7..]}",
                _ => $"+86 {digits}",
            };
        });

    private static readonly Gen<string> Landline = Gen.Select(Gen.OneOf("010", "021", "0510", "0512", "0755", "025"), Gen.Int[2_000_000, 89_999_999], Gen.Int[0, 3],
        (area, local, format) =>
        {
            var number = local.ToString();
            return format switch
            {
                0 => $"{area}-{number}",
                1 => $"({area}){number}",
                2 => $"{area} {number}",
                _ => $"{area}{number}",
            };
        });

    private static readonly Gen<string> HouseNumber = Gen.Select(Gen.Int[1, 999], Gen.Int[1, 30], Gen.Int[1, 6], Gen.Int[101, 2_806], Gen.Int[0, 4],
        (no, building, unit, room, format) => format switch
        {
            0 => $"{no}号",
            1 => $"{building}栋{unit}单元{room}室",
            2 => $"{building}幢{room}室",
            3 => $"{no}号{building}号楼{room}室",
            _ => $"{ToFullWidth(building.ToString())}栋{ToFullWidth(room.ToString())}室",
        });

    private static readonly Gen<string> Road = Gen.OneOf("新庄镇幸福路", "春阳花园", "锡澄路", "和平里小区", "建设大道", "东湖新村");

    private static readonly Gen<string> Filler = Gen.OneOf(
        "因楼上卫生间漏水导致吊顶损坏，双方多次协商未果。", "经网格员上门了解，双方情绪激动。", "调解员组织双方到调解室面对面协商。",
        "物业出具了维修报价，约定分期赔偿。", "", "双方同意各退一步。");

    private static readonly Gen<string> RoleWord = Gen.OneOf("申请人", "被申请人", "邻居", "业主", "租户", "证人", "户主", "老人");

    private static readonly Gen<string> Address = Gen.OneOf("女士", "先生", "师傅", "阿姨", "老人");

    private sealed record Case(string Text, IReadOnlyList<string> Names, IReadOnlyList<string> Numbers, IReadOnlyList<string> Houses,
        IReadOnlyList<CaseAnonymiser.Party> Parties);

    private static readonly Gen<(string Road, string House)> Place = Gen.Select(Road, HouseNumber, (r, h) => (r, h));

    private static readonly Gen<(string Filler, string Role, string Address)> Words = Gen.Select(Filler, RoleWord, Address, (f, r, a) => (f, r, a));

    private static readonly Gen<(string[] Ids, string[] Mobiles, string[] Landlines)> Numbers =
        Gen.Select(IdNumber.Array[0, 2], Mobile.Array[0, 2], Landline.Array[0, 2], (a, b, c) => (a, b, c));

    private static readonly Gen<Case> Cases = Gen.Select(Name.Array[1, 3], Name.Array[0, 2], Name.Array[0, 2], Numbers, Place.Array[1, 2], Words.Array[3],
        (parties, cued, addressed, numbers, places, words) =>
        {
            var parts = new List<string>();
            parts.AddRange(parties.Select((p, i) => $"{(i == 0 ? "" : "对方")}{p}{words[i % 3].Filler}"));
            parts.AddRange(cued.Select((n, i) => $"{words[i % 3].Role}{n}称{words[(i + 1) % 3].Filler}"));
            parts.AddRange(addressed.Select((n, i) => $"{n}{words[i % 3].Address}表示愿意配合。"));
            parts.AddRange(numbers.Ids.Select(id => $"身份证号{id}，"));
            parts.AddRange(numbers.Mobiles.Select(m => $"联系电话{m}；"));
            parts.AddRange(numbers.Landlines.Select(l => $"固话：{l}。"));
            parts.AddRange(places.Select(h => $"住{h.Road}{h.House}，"));
            // The order of the sentences must not matter.
            var shuffled = parts.Order(StringComparer.Ordinal).ToList();
            return new Case(string.Concat(shuffled), [.. parties, .. cued, .. addressed], [.. numbers.Ids, .. numbers.Mobiles, .. numbers.Landlines],
                [.. places.Select(h => h.House)], [.. parties.Select(p => new CaseAnonymiser.Party(p))]);
        });

    [GeneratedRegex(@"[0-9０-９]\s*(?:号|栋|幢|单元|室)")]
    private static partial Regex NumberedPlace();

    [GeneratedRegex(@"[0-9]{7,}")]
    private static partial Regex LongDigits();

    [Fact]
    public void No_name_id_number_phone_or_house_number_survives()
    {
        Cases.Sample(c =>
        {
            var result = CaseAnonymiser.Anonymise(c.Text, c.Parties);
            var digitsOnly = new string([.. result.Where(char.IsAsciiDigit)]);
            foreach (var name in c.Names)
            {
                Assert.DoesNotContain(name, result, StringComparison.Ordinal);
            }

            foreach (var number in c.Numbers)
            {
                var digits = new string([.. number.Where(char.IsAsciiDigit)]);
                Assert.DoesNotContain(digits[Math.Max(0, digits.Length - 7)..], digitsOnly, StringComparison.Ordinal);
            }

            foreach (var house in c.Houses)
            {
                Assert.DoesNotContain(house, result, StringComparison.Ordinal);
            }

            Assert.DoesNotMatch(NumberedPlace(), result);
            Assert.DoesNotMatch(LongDigits(), result);
        }, iter: 2_000);
    }

    [Fact]
    public void Party_names_become_surname_mou_mou_other_marked_names_surname_mou_and_the_story_stays_readable()
    {
        var text = "申请人王建国称，楼上邻居李秀英家卫生间漏水，住幸福路128号3栋2单元501室，电话13912345678，身份证号320482198501011234。"
            + "证人张伟民称看见漏水。物业公司刘师傅到场。建国多次上门协商未果。调解员在第一调解室组织调解，约定12月10日前赔偿3000元。";
        var result = CaseAnonymiser.Anonymise(text, [new("王建国"), new("李秀英"), new("新庄物业有限公司", IsOrganisation: true)]);
        Assert.Equal(
            "申请人王某某称，楼上邻居李某某家卫生间漏水，住幸福路某号某栋某单元某室，电话（电话略），身份证号（身份证号略）。"
            + "证人张某称看见漏水。物业公司某师傅到场。某某多次上门协商未果。调解员在第一调解室组织调解，约定12月10日前赔偿3000元。",
            result);
        // A preposition after a role word is not a surname.
        Assert.Equal("被申请人于十日内赔偿，申请人向某某致歉。", CaseAnonymiser.Anonymise("被申请人于十日内赔偿，申请人向建国致歉。", [new("王建国")]));
    }

    [Fact]
    public void A_name_the_text_marks_once_is_masked_wherever_it_appears()
    {
        Assert.Equal(
            "邻居李某称漏水是楼上造成的，李某后来又说不清楚。孙某阿姨表示愿意配合，孙某还提供了照片。",
            CaseAnonymiser.Anonymise("邻居李强称漏水是楼上造成的，李强后来又说不清楚。孙丽阿姨表示愿意配合，孙丽还提供了照片。", []));
        // Privacy first: a marked name inside a place name is masked too (the reviewer reads every case before publishing).
        Assert.Equal("租户和某称，住和某里小区某号。", CaseAnonymiser.Anonymise("租户和平称，住和平里小区831号。", []));
    }

    private static string ToFullWidth(string digits) => new([.. digits.Select(c => (char)('０' + (c - '0')))]);
}
