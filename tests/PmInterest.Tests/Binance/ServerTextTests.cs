using System;
using System.Linq;
using PmInterest.Binance;
using Xunit;

namespace PmInterest.Tests.Binance;

public sealed class ServerTextTests
{
    [Theory]
    [InlineData("plain text.", "plain text.")]
    [InlineData("\u001b[31mred\u001b[0m", "red")]
    [InlineData("\u001b[?25l\u001b[2Jgone", "gone")]
    [InlineData("\u001b]0;window title\u0007after", "after")]
    [InlineData("\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\", "link")]
    [InlineData("\u001bcreset", "reset")]
    [InlineData("line one\r\nline two\rthree\tfour", "line one line two three four")]
    [InlineData("bell\u0007 nul\u0000 del\u007f c1\u0085\u009b", "bell nul del c1")]
    [InlineData("\u202eevil\u202c \u2066x\u2069", "evil x")]
    [InlineData("  spaced   out  ", "spaced out")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Control_characters_and_escape_sequences_are_removed(string? text, string expected)
    {
        Assert.Equal(expected, ServerText.Clean(text));
    }

    [Fact]
    public void Long_text_is_cut_with_an_ellipsis()
    {
        var cleaned = ServerText.Clean(new string('x', 10_000));

        Assert.Equal(ServerText.MaxLength, cleaned.Length);
        Assert.EndsWith("...", cleaned, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 1000));

        var cleaned = ServerText.Clean(emoji);

        Assert.True(cleaned.Length <= ServerText.MaxLength);
        Assert.False(char.IsHighSurrogate(cleaned[cleaned.Length - 4]));
    }

    [Fact]
    public void Text_of_the_cap_is_kept_whole()
    {
        var text = new string('y', ServerText.MaxLength);

        Assert.Equal(text, ServerText.Clean(text));
    }
}
