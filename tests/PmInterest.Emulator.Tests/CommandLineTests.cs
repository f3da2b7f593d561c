namespace PmInterest.Emulator.Tests;

/// <summary>The process-mode options: late publication, overflow assets seen elsewhere, the hostile knobs, and their place in --help.</summary>
public class CommandLineTests
{
    [Fact]
    public void Publication_delay_and_overflow_assets_elsewhere_are_off_unless_asked_for()
    {
        EmulatorOptions options = CommandLine.Parse(["--seed", "3"]).Options;
        Assert.Equal(TimeSpan.Zero, options.PublishDelay);
        Assert.False(options.OverflowAssetsElsewhere);
    }

    [Fact]
    public void Publication_delay_and_overflow_assets_elsewhere_are_read_from_the_command_line()
    {
        EmulatorOptions options = CommandLine.Parse(["--publish-delay-ms", "90000", "--overflow-assets-elsewhere", "--overflow-instants=2"]).Options;
        Assert.Equal(TimeSpan.FromSeconds(90), options.PublishDelay);
        Assert.True(options.OverflowAssetsElsewhere);
        Assert.Equal(2, options.OverflowInstants);
        Assert.Contains("--publish-delay-ms", CommandLine.Usage, StringComparison.Ordinal);
        Assert.Contains("--overflow-assets-elsewhere", CommandLine.Usage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("soon")]
    public void A_publication_delay_that_is_not_a_non_negative_number_is_refused(string value)
    {
        Assert.ThrowsAny<ArgumentException>(() => CommandLine.Parse(["--publish-delay-ms", value]));
    }

    [Fact]
    public void Every_hostile_option_sets_its_knob()
    {
        EmulatorOptions o = CommandLine.Parse(
        [
            "--redirect", "308", "--redirect-to", "https://elsewhere.example:8443/", "--hostile-body", "false-gzip",
            "--oversized-bytes", "5000", "--charset", "x-klingon", "--absurd-ban-end", "--control-characters",
            "--banned-seconds", "30", "--spent-weight", "600", "--key-cannot-read", "--ip-restricted", "--ip-not-allowed",
        ]).Options;

        Assert.Equal(308, o.RedirectStatus);
        Assert.Equal(new Uri("https://elsewhere.example:8443/"), o.RedirectTarget);
        Assert.Equal(HostileBody.FalseGzip, o.HostileBody);
        Assert.Equal(5000, o.OversizedBodyBytes);
        Assert.Equal("x-klingon", o.Charset);
        Assert.True(o.AbsurdBanEnd);
        Assert.True(o.ControlCharactersInMessages);
        Assert.Equal(TimeSpan.FromSeconds(30), o.BannedAtStart);
        Assert.Equal(600, o.SpentWeightAtStart);
        Assert.True(o.KeyCannotRead);
        Assert.True(o.IpRestrictReported);
        Assert.True(o.IpNotAllowed);
    }

    [Fact]
    public void Every_pacing_option_sets_its_knob_and_help_lists_it()
    {
        EmulatorOptions o = CommandLine.Parse(
        [
            "--used-weight-header", "2147483647", "--always-429", "--limit-zero-message", "--retry-after", "1", "--absurd-retry-after",
        ]).Options;

        Assert.Equal("2147483647", o.UsedWeightHeader);
        Assert.True(o.AlwaysTooMuchWeight);
        Assert.True(o.LimitZeroInMessage);
        Assert.Equal("1", o.TooMuchWeightRetryAfter);
        Assert.True(o.AbsurdRetryAfter);
        foreach (string option in (string[])["--used-weight-header", "--always-429", "--limit-zero-message", "--retry-after", "--absurd-retry-after"])
        {
            Assert.Contains(option, CommandLine.Usage, StringComparison.Ordinal);
        }

        Assert.Contains("\nPacing modes:", CommandLine.Usage.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void The_pacing_knobs_are_off_unless_asked_for()
    {
        EmulatorOptions o = CommandLine.Parse(["--seed", "3"]).Options;

        Assert.Null(o.UsedWeightHeader);
        Assert.False(o.AlwaysTooMuchWeight);
        Assert.False(o.LimitZeroInMessage);
        Assert.Null(o.TooMuchWeightRetryAfter);
        Assert.False(o.AbsurdRetryAfter);
    }

    [Theory]
    [InlineData("oversized", HostileBody.Oversized)]
    [InlineData("endless", HostileBody.Endless)]
    [InlineData("unknown-charset", HostileBody.UnknownCharset)]
    [InlineData("invalid-utf8", HostileBody.InvalidUtf8)]
    [InlineData("time-out-of-range", HostileBody.TimeOutOfRange)]
    [InlineData("deep-nesting", HostileBody.DeepNesting)]
    [InlineData("duplicate-field", HostileBody.DuplicateField)]
    [InlineData("trailing-text", HostileBody.TrailingText)]
    [InlineData("long-decimal", HostileBody.LongDecimal)]
    [InlineData("odd-time", HostileBody.OddTime)]
    [InlineData("negative-amount", HostileBody.NegativeAmount)]
    [InlineData("none", HostileBody.None)]
    public void Each_hostile_body_has_a_name(string name, HostileBody body)
    {
        Assert.Equal(body, CommandLine.Parse(["--hostile-body", name]).Options.HostileBody);
    }

    [Fact]
    public void Nesting_flags_set_their_knobs()
    {
        EmulatorOptions o = CommandLine.Parse(["--nested-errors", "--nested-key-check"]).Options;
        Assert.True(o.NestedErrors);
        Assert.True(o.NestedKeyCheck);
        Assert.False(CommandLine.Parse([]).Options.NestedErrors);
    }

    [Theory]
    [InlineData("--redirect", "200")]
    [InlineData("--hostile-body", "nasty")]
    [InlineData("--redirect-to", "not a url")]
    public void Bad_values_are_refused(string name, string value)
    {
        Assert.ThrowsAny<ArgumentException>(() => CommandLine.Parse([name, value]));
    }

    [Fact]
    public void Help_lists_every_hostile_option()
    {
        foreach (string option in (string[])["--redirect ", "--redirect-to", "--hostile-body", "--oversized-bytes", "--charset", "--absurd-ban-end",
            "--control-characters", "--banned-seconds", "--spent-weight", "--key-cannot-read", "--ip-restricted", "--ip-not-allowed", "--nested-errors", "--nested-key-check", "--seed"])
        {
            Assert.Contains(option, CommandLine.Usage, StringComparison.Ordinal);
        }
    }
}
