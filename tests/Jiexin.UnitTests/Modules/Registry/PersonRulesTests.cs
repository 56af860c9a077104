using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;

namespace Jiexin.UnitTests.Modules.Registry;

public sealed class PersonRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    private static (ValidPerson? Person, Dictionary<string, string> Errors) Validate(PersonFields fields)
    {
        var errors = new Dictionary<string, string>();
        return (PersonRules.Validate(fields, Today, errors), errors);
    }

    [Fact]
    public void A_valid_id_number_gives_birth_date_and_sex_and_is_normalised()
    {
        // 11010519491231002X: the standard's own example (female, born 1949-12-31).
        var (person, errors) = Validate(new PersonFields { Name = " 王芳 ", IdNumber = "110105 19491231 002x", Phone = "+86 138-1234-5678" });
        Assert.Empty(errors);
        Assert.NotNull(person);
        Assert.Equal("王芳", person.Name);
        Assert.Equal("11010519491231002X", person.IdNumber);
        Assert.Equal(new DateOnly(1949, 12, 31), person.BirthDate);
        Assert.Equal("女", person.Sex);
        Assert.Equal("13812345678", person.Phone);
        Assert.Equal(ResidenceType.Household, person.ResidenceType);
    }

    [Theory]
    [InlineData("110105194912310021", "idNumber")]
    [InlineData("11010520991231002X", "idNumber")]
    [InlineData("1101051949123", "idNumber")]
    public void Bad_id_numbers_are_reported_on_their_field(string idNumber, string field)
    {
        var (person, errors) = Validate(new PersonFields { Name = "张三", IdNumber = idNumber });
        Assert.Null(person);
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var (person, errors) = Validate(new PersonFields
        {
            Name = "", Phone = "12345", Tags = [.. Enumerable.Range(0, 11).Select(i => "标签" + i)], Latitude = 31.3,
        });
        Assert.Null(person);
        Assert.Equal(["longitude", "name", "phone", "tags"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Tags_are_trimmed_deduplicated_and_may_not_carry_separators()
    {
        var (person, _) = Validate(new PersonFields { Name = "李四", Tags = [" 低保户", "低保户", "", "独居老人 "] });
        Assert.Equal(["低保户", "独居老人"], person!.Tags);
        var (bad, errors) = Validate(new PersonFields { Name = "李四", Tags = ["a|b"] });
        Assert.Null(bad);
        Assert.Contains("tags", errors.Keys);
    }

    [Theory]
    [InlineData("低保户，独居老人；残疾人", new[] { "低保户", "独居老人", "残疾人" })]
    [InlineData(" 退役军人 ", new[] { "退役军人" })]
    [InlineData("", new string[0])]
    public void Tags_split_on_the_separators_people_type(string text, string[] expected) =>
        Assert.Equal(expected, PersonRules.SplitTags(text));

    [Theory]
    [InlineData("户籍", ResidenceType.Household)]
    [InlineData("流动人口", ResidenceType.Floating)]
    [InlineData("境外", ResidenceType.Overseas)]
    [InlineData("外星", null)]
    public void Residence_types_parse_from_their_chinese_names(string text, ResidenceType? expected) =>
        Assert.Equal(expected, PersonRules.ParseResidence(text));
}
