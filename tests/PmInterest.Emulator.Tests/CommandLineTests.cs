namespace PmInterest.Emulator.Tests;

/// <summary>The process-mode options for late publication and for overflow assets seen elsewhere.</summary>
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
}
