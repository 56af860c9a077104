using Jiexin.Modules.Registry.Shared;

namespace Jiexin.UnitTests.Modules.Registry;

/// <summary>统一社会信用代码 (GB 32100): the check character of real codes, and the plain-Chinese reasons for bad ones.</summary>
public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("911100001000044477")]
    [InlineData("91110108551385082Q")]
    public void Real_codes_are_valid(string code)
    {
        Assert.Null(CreditCode.Validate(code));
        Assert.Equal(code[17], CreditCode.CheckCharacter(code.AsSpan(0, 17)));
    }

    [Theory]
    [InlineData("91350100M000100Y44", "校验位")]
    [InlineData("91350100M000100Y4", "18 位")]
    [InlineData("91350100M000I00Y43", "大写字母")]
    public void Bad_codes_say_what_is_wrong(string code, string expected) =>
        Assert.Contains(expected, CreditCode.Validate(code));

    [Fact]
    public void Normalise_removes_spaces_and_dashes_and_upper_cases() =>
        Assert.Equal("91350100M000100Y43", CreditCode.Normalise(" 91350100m000-100y43 "));
}
