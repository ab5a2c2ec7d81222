using Discret.Domain.Organisation;

namespace Discret.Tests.Security;

public class ColorContrastTests
{
    [Theory]
    [InlineData("#767676", true)]  // 4.54:1, the lightest grey that passes
    [InlineData("#777777", false)] // 4.48:1
    [InlineData("#1f5f8b", true)]
    [InlineData("#ffff00", false)]
    [InlineData("#000000", true)]
    public void White_text_needs_a_ratio_of_four_and_a_half(string color, bool readable) =>
        Assert.Equal(readable, ColorContrast.IsReadableWithWhiteText(color));

    [Theory]
    [InlineData("1f5f8b")]
    [InlineData("#1f5f8")]
    [InlineData("bleu")]
    [InlineData(null)]
    public void Only_hex_colours_are_accepted(string? value) => Assert.False(ColorContrast.IsReadableWithWhiteText(value));

    [Fact]
    public void Black_on_white_is_twenty_one_to_one() => Assert.Equal(21.0, ColorContrast.RatioWithWhite("#000000"), 2);
}
