using Jiexin.Platform.Privacy;

namespace Jiexin.UnitTests.Platform.Privacy;

public sealed class PersonalDataValidationTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    // The GB 11643 worked example, and one whose check character was computed outside this code.
    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("440524198001010013")]
    public void Accepts_numbers_with_the_right_check_character(string idNumber) =>
        Assert.Null(ChineseIdNumber.Validate(idNumber, Today));

    [Fact]
    public void The_standard_example_has_check_character_X_and_is_female()
    {
        Assert.Equal('X', ChineseIdNumber.CheckCharacter("11010519491231002"));
        Assert.Null(ChineseIdNumber.Validate("11010519491231002X", Today));
        Assert.Equal("女", ChineseIdNumber.Sex("11010519491231002X"));
        Assert.Equal(new DateOnly(1949, 12, 31), ChineseIdNumber.BirthDate("11010519491231002X"));
    }

    [Theory]
    [InlineData("110105194912310021", "校验位")]
    [InlineData("11010519491231002", "18 位")]
    [InlineData("1101051949123100A1", "前 17 位")]
    [InlineData("11010519491331002X", "出生日期")]
    [InlineData("11010520301231002X", "出生日期")]
    [InlineData("01010519491231002X", "地区码")]
    public void Rejects_with_a_reason(string idNumber, string reasonContains)
    {
        var reason = ChineseIdNumber.Validate(idNumber, Today);

        Assert.NotNull(reason);
        Assert.Contains(reasonContains, reason);
    }

    [Fact]
    public void Normalises_spaces_and_lower_case_x() =>
        Assert.Equal("11010519491231002X", ChineseIdNumber.Normalise(" 110105 19491231 002x "));

    [Theory]
    [InlineData("13812345678", "13812345678")]
    [InlineData("+86 138-1234-5678", "13812345678")]
    [InlineData("8613812345678", "13812345678")]
    [InlineData("12812345678", null)]
    [InlineData("1381234567", null)]
    [InlineData("0512-87654321", null)]
    [InlineData("138a2345678", null)]
    public void Mobile_numbers(string input, string? expected) =>
        Assert.Equal(expected, MobileNumber.Normalise(input));

    [Fact]
    public void Masks()
    {
        Assert.Equal("320282**********34", PersonalDataMask.IdNumber("320282199001011234"));
        Assert.Equal("138****5678", PersonalDataMask.Phone("13812345678"));
        Assert.Equal("0512****4321", PersonalDataMask.Phone("051287654321"));
        Assert.Equal("张*", PersonalDataMask.Name("张三"));
        Assert.Equal("欧***", PersonalDataMask.Name("欧阳娜娜"));
    }
}
