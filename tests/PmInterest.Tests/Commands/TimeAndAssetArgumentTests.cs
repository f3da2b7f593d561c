using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using PmInterest.Commands;
using PmInterest.Emulator;
using Xunit;
using static PmInterest.Tests.Client.EmulatorFixture;

namespace PmInterest.Tests.Commands;

/// <summary>-StartTime/-EndTime take DateTime, DateTimeOffset and ISO 8601 text exactly; -Asset follows Binance's rule.</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class TimeAndAssetArgumentTests
{
    private const string Connect = "Connect-PmAccount -ApiKey $key -ApiSecret $secret -BaseUri $uri -SkipCheck";

    [Theory]
    [InlineData("([datetimeoffset]::new(2025, 1, 3, 5, 0, 0, [timespan]::FromHours(5)))", "([datetimeoffset]::new(2025, 1, 4, 1, 0, 0, [timespan]::FromHours(-3)))")]
    [InlineData("'2025-01-03T05:00:00+05:00'", "'2025-01-04T01:00:00-03:00'")]
    [InlineData("'2025-01-03T00:00:00Z'", "'2025-01-04T04:00:00.000Z'")]
    [InlineData("([datetime]::new(2025, 1, 3, 0, 0, 0, [DateTimeKind]::Utc))", "([datetime]::new(2025, 1, 4, 4, 0, 0, [DateTimeKind]::Utc))")]
    public async Task Times_with_an_offset_select_exactly_the_records_of_that_instant_range(string start, string end)
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 10));
        using var host = new HostedRunspace();
        var from = new DateTimeOffset(2025, 1, 3, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var to = new DateTimeOffset(2025, 1, 4, 4, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

        var result = host.Run(Connect + $"; Get-PmNegativeBalanceInterest -StartTime {start} -EndTime {end}", CmdletTests.Vars(server, DateTime.UtcNow, DateTime.UtcNow));

        Assert.Null(result.Thrown);
        Assert.Empty(result.Errors);
        var expected = server.Records.Where(r => r.InterestAccruedTime >= from && r.InterestAccruedTime <= to).ToList();
        Assert.NotEmpty(expected);
        Assert.Contains(expected, r => r.InterestAccruedTime == from);
        Assert.Contains(expected, r => r.InterestAccruedTime == to);
        Assert.Equal(Canonical(expected), Canonical(result.Objects<NegativeBalanceInterest>()));
    }

    [Fact]
    public void Text_without_a_zone_stays_local_and_text_with_one_is_read_by_it_in_any_culture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal(DateTimeKind.Unspecified, TimeArgumentAttribute.Parse("2025-03-04 05:06:07").Kind);
            Assert.Equal(new DateTime(2025, 3, 4, 5, 6, 7), TimeArgumentAttribute.Parse("2025-03-04T05:06:07"));
            Assert.Equal(new DateTime(2025, 3, 4, 0, 6, 7, DateTimeKind.Utc), TimeArgumentAttribute.Parse("2025-03-04T05:06:07+05:00"));
            Assert.Equal(new DateTime(2025, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc), TimeArgumentAttribute.Parse("2025-03-04T05:06:07.89Z"));
            Assert.Equal(new DateTime(2025, 3, 4), TimeArgumentAttribute.Parse("2025-03-04"));
            Assert.Throws<ArgumentTransformationMetadataException>(() => TimeArgumentAttribute.Parse("04.03.2025 kurz nach fünf"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData("-EndTime ([datetime]::MinValue)")]
    [InlineData("-StartTime '1969-12-31T23:59:59Z'")]
    [InlineData("-StartTime ([datetime]::MinValue) -EndTime ([datetime]::MaxValue)")]
    [InlineData("-StartTime '2025-02-01T00:00:00Z' -EndTime '2025-01-01T00:00:00Z'")]
    public async Task Times_that_cannot_be_sent_are_refused_before_any_request(string arguments)
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 10));
        using var host = new HostedRunspace();

        var result = host.Run(Connect + "; Get-PmNegativeBalanceInterest " + arguments, CmdletTests.Vars(server, DateTime.UtcNow, DateTime.UtcNow));

        Assert.Equal("InvalidTimeRange,PmInterest.Commands.GetPmNegativeBalanceInterestCommand", result.SingleError().FullyQualifiedErrorId);
        Assert.Equal(0, server.Stats.InterestHistoryRequests);
    }

    [Fact]
    public void An_end_near_1970_without_a_start_starts_at_1970_never_before()
    {
        var (start, end) = TimeRange.Resolve(null, new DateTime(1970, 1, 3, 0, 0, 0, DateTimeKind.Utc), DateTime.UtcNow);

        Assert.Equal(0, start);
        Assert.Equal(2 * 86_400_000L, end);
    }

    [Fact]
    public void An_end_in_the_far_future_is_cut_to_now()
    {
        var now = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

        var (start, end) = TimeRange.Resolve(null, DateTime.MaxValue, now);

        Assert.True(end <= new DateTimeOffset(now.AddMinutes(5)).ToUnixTimeMilliseconds());
        Assert.Equal(end - start, (long)TimeSpan.FromDays(7).TotalMilliseconds);
    }

    [Theory]
    [InlineData("usdt", "USDT")]
    [InlineData(" 1000sats ", "1000SATS")]
    [InlineData("ABCDEFGHIJKLMNOPQRST", "ABCDEFGHIJKLMNOPQRST")]
    [InlineData("BTC.B", "BTC.B")]
    public void Asset_codes_of_one_to_twenty_letters_digits_dots_dashes_or_underscores_are_taken(string given, string sent)
    {
        Assert.Equal(new string?[] { sent }, AssetArguments.Normalize(new[] { given }));
    }

    [Theory]
    [InlineData("ABCDEFGHIJKLMNOPQRSTU")]
    [InlineData("US,DT")]
    [InlineData("US DT")]
    [InlineData("")]
    [InlineData("USDT\u001b[31m")]
    public void Asset_codes_Binance_would_refuse_are_refused_before_any_request(string given)
    {
        var e = Assert.Throws<PmInputException>(() => AssetArguments.Normalize(new[] { given }));

        Assert.Equal(ErrorIds.InvalidAsset, e.ErrorId);
    }

    [Fact]
    public void No_asset_means_all_assets_and_repeats_are_asked_once()
    {
        string?[] all = { null };
        string?[] given = { "btc", "ETH", "BTC" };
        string?[] sent = { "BTC", "ETH" };
        Assert.Equal(all, AssetArguments.Normalize(null));
        Assert.Equal(sent, AssetArguments.Normalize(given));
    }
}
