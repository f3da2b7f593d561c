using System;
using System.Threading.Tasks;
using PmInterest.Commands;
using PmInterest.Emulator;
using PmInterest.Endpoints;
using Xunit;
using static PmInterest.Tests.Client.EmulatorFixture;

namespace PmInterest.Tests.Commands;

/// <summary>A run whose least request weight exceeds a minute's budget says so, with the time it takes, before it starts.</summary>
public sealed class WeightEstimateTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);

    [Fact]
    public void Ten_thousand_assets_for_a_month_are_about_42_minutes_of_the_SAPI_budget()
    {
        var warning = WeightEstimate.Warning(10_000, 0, (long)Month.TotalMilliseconds, Month, 50, 12_000, Minute, "SAPI");

        Assert.Equal(
            "This run needs at least 10000 requests (10000 assets, each walked on its own, x 1 windows of 30 days) of weight 50: 500000 weight, about 41.7 minutes of this IP's whole SAPI budget (12000 a minute), which other programs on the IP lack meanwhile. Leave -Asset out to walk all assets together, or narrow the time range.",
            warning);
    }

    [Theory]
    [InlineData(1, 365)] // 13 windows: 650 weight
    [InlineData(240, 30)] // 240 requests: 12,000 weight, exactly a minute's budget
    public void A_run_within_one_minute_of_budget_is_silent(int assets, int days)
    {
        Assert.Null(WeightEstimate.Warning(assets, 0, (long)TimeSpan.FromDays(days).TotalMilliseconds, Month, 50, 12_000, Minute, "SAPI"));
    }

    [Fact]
    public void All_assets_over_a_long_range_count_one_request_per_window()
    {
        var warning = WeightEstimate.Warning(1, 0, (long)TimeSpan.FromDays(3650).TotalMilliseconds, Month, 50, 6_000, Minute, "PAPI");

        Assert.StartsWith("This run needs at least 122 requests (122 windows of 30 days) of weight 50: 6100 weight, about 1 minutes", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_with_many_assets_warns_before_the_walk_and_one_asset_does_not()
    {
        var window = TimeSpan.FromSeconds(2);
        await using var server = await EmulatorServer.StartAsync(Options(days: 40));
        using var host = new HostedRunspace();
        using var client = NewClient(server, tweak: o =>
        {
            o.WeightLimit = 100;
            o.WeightWindow = window;
        });
        var vars = CmdletTests.Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(3));
        vars["c"] = new PmConnection(Keys.HmacApiKey, client, "Parameters", PortfolioMarginPro.Profile);

        var many = host.Run("Get-PmNegativeBalanceInterest -Connection $c -Asset BTC, ETH, USDT -StartTime $from -EndTime $to | Out-Null", vars);
        var one = host.Run("Get-PmNegativeBalanceInterest -Connection $c -Asset BTC -StartTime $from -EndTime $to | Out-Null", vars);

        Assert.Null(many.Thrown);
        var warning = Assert.Single(many.Warnings);
        Assert.StartsWith("This run needs at least 3 requests (3 assets, each walked on its own, x 1 windows of 30 days) of weight 50: 150 weight", warning, StringComparison.Ordinal);
        Assert.Contains("(100 per 2 s)", warning, StringComparison.Ordinal);
        Assert.Null(one.Thrown);
        Assert.Empty(one.Warnings);
    }
}
