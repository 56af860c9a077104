using Jiexin.Platform.Media;

namespace Jiexin.UnitTests.Platform.Media;

public sealed class MediaFileNamesTests
{
    [Theory]
    [InlineData("IMG_0012.jpg", "IMG_0012.jpg")]
    [InlineData("C:\\Users\\张三\\Pictures\\路灯坏了.jpg", "路灯坏了.jpg")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("photo\u202Egpj.exe", "photogpj.exe")]        // right-to-left override removed
    [InlineData("a\u200Bb\u200D.png", "ab.png")]               // zero-width characters removed
    [InlineData("line\r\nbreak\t.jpg", "line break .jpg")]
    [InlineData("  spaced   out  .webp ", "spaced out .webp")]
    [InlineData("...", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Names_are_cleaned_for_display(string? input, string? expected)
    {
        Assert.Equal(expected, MediaFileNames.Sanitise(input));
    }

    [Fact]
    public void Long_names_are_cut_keeping_the_extension_and_whole_characters()
    {
        var name = string.Concat(Enumerable.Repeat("😀", 100)) + ".jpeg";

        var sanitised = MediaFileNames.Sanitise(name)!;

        Assert.True(sanitised.Length <= MediaFileNames.MaxLength);
        Assert.EndsWith(".jpeg", sanitised);
        Assert.False(char.IsHighSurrogate(sanitised[^6]));
    }
}
