using Jiexin.Modules.Events.Shared;

namespace Jiexin.UnitTests.Modules.Events.Shared;

public sealed class TypedCoordinateTests
{
    [Theory]
    [InlineData("31.44", 31.44)]
    [InlineData(" 119.8 ", 119.8)]
    [InlineData("31。44", 31.44)] // a Chinese keyboard's full stop
    [InlineData("31．44", 31.44)] // full-width point
    [InlineData("31，44", 31.44)] // full-width comma
    public void A_number_as_phones_type_it_is_read(string text, double expected)
    {
        Assert.True(TypedCoordinate.TryParse(text, out var value));
        Assert.Equal(expected, value!.Value, 9);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_is_not_given_rather_than_wrong(string? text)
    {
        Assert.True(TypedCoordinate.TryParse(text, out var value));
        Assert.Null(value);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void Anything_else_is_refused(string text) => Assert.False(TypedCoordinate.TryParse(text, out _));
}
