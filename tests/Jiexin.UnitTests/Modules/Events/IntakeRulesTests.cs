using Jiexin.Modules.Events.Shared;

namespace Jiexin.UnitTests.Modules.Events;

public sealed class TextSimilarityTests
{
    [Fact]
    public void Identical_text_is_1_and_disjoint_text_is_0()
    {
        Assert.Equal(1, TextSimilarity.Jaccard("路灯不亮", "路灯不亮"));
        Assert.Equal(0, TextSimilarity.Jaccard("路灯不亮", "垃圾满了"));
        Assert.Equal(0, TextSimilarity.Jaccard("", ""));
    }

    [Fact]
    public void Punctuation_spaces_and_case_are_ignored()
    {
        Assert.Equal(1, TextSimilarity.Jaccard("路灯，不亮！ ABC", "路灯不亮abc"));
    }

    [Fact]
    public void Jaccard_counts_shared_bigrams_over_all_bigrams()
    {
        // 东门路灯 → 东门 门路 路灯; 路灯不亮 → 路灯 灯不 不亮: 1 shared of 5.
        Assert.Equal(0.2, TextSimilarity.Jaccard("东门路灯", "路灯不亮"), 6);
    }

    [Fact]
    public void Distance_of_one_thousandth_degree_of_latitude_is_about_111_metres()
    {
        Assert.InRange(TextSimilarity.DistanceMeters(31.0, 120.0, 31.001, 120.0), 110.5, 111.8);
        Assert.Equal(0, TextSimilarity.DistanceMeters(31.0, 120.0, 31.0, 120.0), 6);
    }
}

public sealed class ContactPhonesTests
{
    [Theory]
    [InlineData("138 1234 5678", "13812345678")]
    [InlineData("0510-87654321", "051087654321")]
    [InlineData("+86 138-1234-5678", "+8613812345678")]
    [InlineData("(0510) 8765 4321", "051087654321")]
    public void Normalise_keeps_the_digits(string typed, string expected) => Assert.Equal(expected, ContactPhones.Normalise(typed));

    [Theory]
    [InlineData("12345")]
    [InlineData("138abc45678")]
    [InlineData("1+3812345678")]
    [InlineData("1234567890123456")]
    public void Normalise_refuses_what_is_no_phone_number(string typed) => Assert.Null(ContactPhones.Normalise(typed));

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("051087654321", "0510****4321")]
    [InlineData("+8613812345678", "86138****5678")]
    [InlineData("87654321", "******21")]
    public void Mask_hides_the_middle(string phone, string masked) => Assert.Equal(masked, ContactPhones.Mask(phone));
}
