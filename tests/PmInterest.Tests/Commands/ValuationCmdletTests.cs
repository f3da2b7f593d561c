using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Numerics;
using System.Threading.Tasks;
using PmInterest.Emulator;
using Xunit;
using static PmInterest.Tests.Valuation.MarketFixture;

namespace PmInterest.Tests.Commands;

/// <summary>
/// Add-PmInterestValue and Measure-PmNegativeBalanceInterest on valued records, in a hosted
/// runspace against the emulator, where a user meets them: values exact against the emulator's
/// prices, every record written in its order, PriceNotFound for a record no route can price,
/// prices from -BaseUri or PMINTEREST_MARKET_BASE_URI only, no key or signature on market data,
/// bounded chunks, and totals with the quote and the exact value sum.
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class ValuationCmdletTests
{
    private const string Value = "$records | Add-PmInterestValue -Quote $quote -BaseUri $uri";

    private static readonly string[] Assets = { "USDT", "BTC", "ETH", "SOL" };
    private static readonly string[] FourSymbols = { "BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT" };

    private static List<NegativeBalanceInterest> Daily(int days, params string[] assets) =>
        Enumerable.Range(0, days).SelectMany(d => assets.Select((a, i) => Record(a, Ms("2025-01-01T00:00:00Z") + (d * Day), 1.5m + (d * 0.0001m) + i))).ToList();

    private static Dictionary<string, object?> Vars(EmulatorServer server, IEnumerable<NegativeBalanceInterest> records, string quote) => new()
    {
        ["records"] = records.ToArray(),
        ["quote"] = quote,
        ["uri"] = server.BaseUri,
    };

    [Fact]
    public async Task Writes_every_record_in_its_order_with_its_properties_quote_price_and_exact_value()
    {
        await using var server = await StartAsync();
        using var host = new HostedRunspace();
        var records = Daily(40, Assets);
        records.Reverse(); // newest first, as Get writes them

        var result = host.Run(Value + " -Verbose", Vars(server, records, "EUR"));

        Assert.Null(result.Thrown);
        Assert.Empty(result.Errors);
        var valued = result.Objects<ValuedInterest>();
        Assert.Equal(records.Select(r => (r.Asset, r.AccruedMs)), valued.Select(v => (v.Asset, v.Record.AccruedMs)));
        foreach (var v in valued)
        {
            var expected = Reference(server.Market, v.Asset, "EUR", v.Record.AccruedMs)!.Value;
            Assert.Equal((expected.Price, expected.Source), (v.Price!.Value, v.PriceSource));
            Assert.Equal(v.Interest * expected.Price, v.Value);
        }

        var properties = result.Output[0].Properties.Select(p => p.Name).ToList();
        foreach (var name in new[] { "Asset", "Interest", "InterestRate", "Principal", "InterestAccruedTime", "AnnualizedRate", "Quote", "Price", "PriceSource", "PriceTime", "Value" })
        {
            Assert.Contains(name, properties);
        }

        Assert.Contains(result.Verbose, l => l.StartsWith("GET /api/v3/klines BTCUSDT 1d", StringComparison.Ordinal));
        Assert.Contains(result.Progress, p => p.StatusDescription.Contains("records valued in EUR", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_daily_year_of_five_assets_is_a_request_per_symbol_and_the_same_session_asks_nothing_again(bool newestFirst)
    {
        await using var server = await StartAsync();
        using var host = new HostedRunspace();
        var records = Daily(365, "USDT", "BTC", "ETH", "SOL", "XRP");
        if (newestFirst)
        {
            records.Reverse();
        }

        var vars = Vars(server, records, "USDT");
        var first = host.Run(Value, vars).Objects<ValuedInterest>();
        Assert.Equal(records.Count, first.Count);
        Assert.Equal(1, server.Stats.RequestsForPath("/api/v3/exchangeInfo"));
        Assert.Equal(FourSymbols, KlinesAsked(server).Select(k => k.Symbol).OrderBy(s => s, StringComparer.Ordinal));
        Assert.All(KlinesAsked(server), k => Assert.Equal("1d", k.Interval));

        var again = host.Run(Value, vars).Objects<ValuedInterest>();
        Assert.Equal(5, server.Stats.TotalRequests);
        Assert.Equal(first.Select(v => v.Value), again.Select(v => v.Value));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_hundred_and_twenty_days_of_hourly_records_are_three_1h_requests(bool newestFirst)
    {
        await using var server = await StartAsync();
        using var host = new HostedRunspace();
        var records = Enumerable.Range(0, 120 * 24).Select(h => Record("BTC", Ms("2025-03-01T00:00:00Z") + (h * Hour), 0.00002m)).ToList();
        if (newestFirst)
        {
            records.Reverse();
        }

        var valued = host.Run(Value, Vars(server, records, "USDT")).Objects<ValuedInterest>();

        Assert.Equal(records.Count, valued.Count);
        Assert.All(valued, v => Assert.NotNull(v.Value));
        Assert.Equal(Enumerable.Repeat(("BTCUSDT", "1h"), 3), KlinesAsked(server));
    }

    [Fact]
    public async Task A_record_no_route_can_price_is_still_written_without_price_or_value_with_a_non_terminating_PriceNotFound()
    {
        await using var server = await StartAsync();
        using var host = new HostedRunspace();
        var records = new[]
        {
            Record("BTC", Ms("2025-06-01T00:00:00Z")),
            Record("NEWCOIN", Ms("2025-06-01T00:00:00Z"), 3.25m),
            Record("NEWCOIN", Ms("2025-06-02T00:00:00Z"), 3.5m),
        };

        var result = host.Run(Value + " | ForEach-Object { $_ }; 'after'", Vars(server, records, "USDT"));

        Assert.Null(result.Thrown);
        var valued = result.Objects<ValuedInterest>();
        Assert.Equal(3, valued.Count);
        Assert.Equal("after", result.Output.Last().BaseObject);
        var missing = valued[1];
        Assert.Null(missing.Price);
        Assert.Null(missing.PriceSource);
        Assert.Null(missing.PriceTime);
        Assert.Null(missing.Value);
        Assert.Equal(3.25m, missing.Interest);
        Assert.NotNull(valued[2].Value);

        var error = Assert.Single(result.Errors);
        Assert.Equal("PriceNotFound,PmInterest.Commands.AddPmInterestValueCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("NEWCOIN in USDT at 2025-06-01 00:00:00.000Z", error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Same(missing, error.TargetObject);
        Assert.False(string.IsNullOrWhiteSpace(error.ErrorDetails.RecommendedAction));
    }

    [Fact]
    public async Task Prices_come_from_BaseUri_else_PMINTEREST_MARKET_BASE_URI_never_from_the_connections_host()
    {
        await using var account = await EmulatorServer.StartAsync(Client.EmulatorFixture.Options(days: 2));
        await using var market = await StartAsync();
        using var host = new HostedRunspace();
        var connect = "Connect-PmAccount -ApiKey $key -ApiSecret $secret -BaseUri $account -SkipCheck";
        var vars = Vars(market, new[] { Record("BTC", Ms("2025-02-01T00:00:00Z")) }, "USDT");
        vars["key"] = Client.EmulatorFixture.Keys.HmacApiKey;
        vars["secret"] = CmdletTests.Secure(Client.EmulatorFixture.Keys.HmacSecret);
        vars["account"] = account.BaseUri;

        using (new EnvironmentScope(new() { ["PMINTEREST_MARKET_BASE_URI"] = market.BaseUri.AbsoluteUri }))
        {
            var result = host.Run(connect + "; $records | Add-PmInterestValue -Quote USDT", vars);
            Assert.Null(result.Thrown);
            Assert.NotNull(Assert.Single(result.Objects<ValuedInterest>()).Value);
        }

        Assert.Equal(2, market.Stats.TotalRequests); // exchangeInfo and one klines request
        Assert.Equal(0, account.Stats.RequestsForPath("/api/v3/klines") + account.Stats.RequestsForPath("/api/v3/exchangeInfo"));
        Assert.All(market.RequestLog, r => Assert.False(r.ApiKeySent || r.SignatureSent, r.Path));
    }

    [Theory]
    [InlineData("$records | Add-PmInterestValue -Quote 'E UR' -BaseUri $uri", "InvalidAsset")]
    [InlineData("$records | Add-PmInterestValue -Quote EUR -BaseUri 'https://me:secret@api.binance.com'", "InvalidBaseUri")]
    [InlineData("$records | Add-PmInterestValue -Quote EUR -BaseUri 'https://api.binance.com/?x=1'", "InvalidBaseUri")]
    public async Task Bad_input_is_refused_before_any_request(string script, string id)
    {
        await using var server = await StartAsync();
        using var host = new HostedRunspace();
        var result = host.Run(script, Vars(server, new[] { Record("BTC", Ms("2025-02-01T00:00:00Z")) }, "EUR"));

        var error = result.SingleError();
        Assert.Equal(id + ",PmInterest.Commands.AddPmInterestValueCommand", error.FullyQualifiedErrorId);
        Assert.DoesNotContain("secret", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, server.Stats.TotalRequests);
    }

    [Fact]
    public async Task A_market_base_uri_variable_that_is_no_address_is_refused_before_any_request()
    {
        await using var server = await StartAsync();
        using var host = new HostedRunspace();
        using var scope = new EnvironmentScope(new() { ["PMINTEREST_MARKET_BASE_URI"] = "not an address" });
        var result = host.Run("$records | Add-PmInterestValue -Quote EUR", Vars(server, new[] { Record("BTC", Ms("2025-02-01T00:00:00Z")) }, "EUR"));
        Assert.Equal("InvalidBaseUri,PmInterest.Commands.AddPmInterestValueCommand", result.SingleError().FullyQualifiedErrorId);
        Assert.Contains("PMINTEREST_MARKET_BASE_URI", result.SingleError().ErrorDetails.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Something_else_than_a_record_is_a_non_terminating_NotAnInterestRecord_and_an_export_summary_is_passed_over()
    {
        await using var server = await StartAsync();
        using var host = new HostedRunspace();
        var result = host.Run("@('text') + $records | Add-PmInterestValue -Quote USDT -BaseUri $uri", Vars(server, new[] { Record("USDT", Ms("2025-02-01T00:00:00Z")) }, "USDT"));
        Assert.Single(result.Objects<ValuedInterest>());
        Assert.Equal("NotAnInterestRecord,PmInterest.Commands.AddPmInterestValueCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Equal(0, server.Stats.TotalRequests); // USDT in USDT needs no price
    }

    [Fact]
    public async Task The_first_values_come_out_long_before_a_large_input_ends()
    {
        await using var server = await StartAsync();
        using var host = new HostedRunspace();
        var records = Enumerable.Range(0, 3 * 365 * 24).Select(h => Record("BTC", Ms("2022-01-01T00:00:00Z") + (h * Hour), 0.0001m)).ToArray();

        var result = host.Run(
            "$global:produced = 0; $global:firstAt = -1; " +
            "& { foreach ($r in $records) { $global:produced++; $r } } | Add-PmInterestValue -Quote USDT -BaseUri $uri | " +
            "ForEach-Object { if ($global:firstAt -lt 0) { $global:firstAt = $global:produced }; $_.InterestAccruedTime } ; $global:firstAt",
            Vars(server, records, "USDT"));

        Assert.Null(result.Thrown);
        var firstAt = (int)result.Output.Last().BaseObject;
        var times = result.Output.Take(result.Output.Count - 1).Select(o => (DateTime)o.BaseObject).ToList();
        Assert.Equal(records.Select(r => r.InterestAccruedTime), times);
        Assert.InRange(firstAt, 1, records.Length - 1);
        Assert.True(firstAt < records.Length / 2, $"the first value came out after {firstAt} of {records.Length} records were read");
    }

    [Fact]
    public async Task Measure_adds_the_quote_and_the_exact_sum_of_the_values_to_every_total()
    {
        await using var server = await StartAsync();
        using var host = new HostedRunspace();
        var records = Daily(70, Assets);

        var result = host.Run(Value + " | Measure-PmNegativeBalanceInterest -By Asset, Month", Vars(server, records, "USDT"));

        Assert.Null(result.Thrown);
        Assert.Empty(result.Errors);
        var totals = result.Objects<InterestTotal>();
        Assert.Equal(4 * 3, totals.Count);
        foreach (var total in totals)
        {
            var group = records.Where(r => r.Asset == total.Asset && r.InterestAccruedTime.ToString("yyyy-MM", CultureInfo.InvariantCulture) == total.Period).ToList();
            var expected = 0m;
            foreach (var r in group)
            {
                expected += r.Interest * Reference(server.Market, r.Asset, "USDT", r.AccruedMs)!.Value.Price;
            }

            Assert.Equal("USDT", total.Quote);
            Assert.Equal(expected, total.Value);
            Assert.Equal(0, total.UnpricedCount);
        }

        Assert.All(result.Output, o => Assert.Equal("PmInterest.InterestTotal#Valued", o.TypeNames[0]));
    }

    [Fact]
    public async Task A_total_in_eur_across_assets_is_the_exact_sum_rounded_once_and_gets_no_mixed_asset_warning()
    {
        await using var server = await StartAsync();
        using var host = new HostedRunspace();
        var records = Daily(31, Assets);

        var result = host.Run(Value + " | Measure-PmNegativeBalanceInterest -By Month", Vars(server, records, "EUR"));

        var total = Assert.Single(result.Objects<InterestTotal>());
        Assert.Empty(result.Warnings!);
        BigInteger exact = 0;
        foreach (var r in records)
        {
            exact += Units(r.Interest * Reference(server.Market, r.Asset, "EUR", r.AccruedMs)!.Value.Price);
        }

        var scale = decimal.GetBits(total.Value!.Value)[3] >> 16 & 0xFF;
        var error = BigInteger.Abs(Units(total.Value.Value) - exact);
        Assert.True(error * 2 <= BigInteger.Pow(10, 28 - scale), $"{total.Value} is not the exact sum to its last digit");
    }

    [Fact]
    public async Task A_total_with_an_unpriced_record_has_no_value_and_a_warning_says_how_many_records_lack_a_price()
    {
        await using var server = await StartAsync();
        using var host = new HostedRunspace();
        var records = Enumerable.Range(0, 6).SelectMany(d => new[] { Record("NEWCOIN", Ms("2025-05-29T00:00:00Z") + (d * Day)), Record("BTC", Ms("2025-05-29T00:00:00Z") + (d * Day)) }).ToList();

        var result = host.Run(Value + " 2>$null | Measure-PmNegativeBalanceInterest -By Asset, Month", Vars(server, records, "USDT"));

        var totals = result.Objects<InterestTotal>();
        var mayNew = totals.Single(t => t.Asset == "NEWCOIN" && t.Period == "2025-05");
        Assert.Null(mayNew.Value);
        Assert.Equal(3, mayNew.UnpricedCount);
        Assert.Null(totals.Single(t => t.Asset == "NEWCOIN" && t.Period == "2025-06").Value); // June 1st 00:00 is before the 10:30 listing
        Assert.NotNull(totals.Single(t => t.Asset == "BTC" && t.Period == "2025-05").Value);
        var warning = Assert.Single(result.Warnings!);
        Assert.StartsWith("4 record(s) have no price in USDT", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$usdt = @($records | Add-PmInterestValue -Quote USDT -BaseUri $uri); $eur = @($records | Add-PmInterestValue -Quote EUR -BaseUri $uri); $usdt + $eur | Measure-PmNegativeBalanceInterest", "USDT and records valued in EUR")]
    [InlineData("@($records | Add-PmInterestValue -Quote USDT -BaseUri $uri) + $records | Measure-PmNegativeBalanceInterest", "USDT and records not valued")]
    [InlineData("@($records) + @($records | Add-PmInterestValue -Quote USDT -BaseUri $uri) | Measure-PmNegativeBalanceInterest", "USDT and records not valued")]
    public async Task Records_of_different_quotes_are_refused(string script, string says)
    {
        await using var server = await StartAsync();
        using var host = new HostedRunspace();

        var result = host.Run(script, Vars(server, new[] { Record("BTC", Ms("2025-02-01T00:00:00Z")) }, "USDT"));

        var error = result.SingleError();
        Assert.Equal("MixedQuotes,PmInterest.Commands.MeasurePmNegativeBalanceInterestCommand", error.FullyQualifiedErrorId);
        Assert.Contains(says, error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Empty(result.Objects<InterestTotal>());
    }

    [Fact]
    public async Task Stopping_the_pipeline_cancels_the_market_request_in_flight_at_once()
    {
        await using var server = await StartAsync(o => o.Latency = TimeSpan.FromSeconds(30));
        using var host = new HostedRunspace();
        foreach (var pair in Vars(server, new[] { Record("BTC", Ms("2025-02-01T00:00:00Z")) }, "USDT"))
        {
            host.Runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
        }

        using var ps = PowerShell.Create();
        ps.Runspace = host.Runspace;
        ps.AddScript(Value);
        var running = ps.BeginInvoke();
        await Task.Delay(500);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        ps.Stop();

        Assert.True(running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(10)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"stopping took {watch.Elapsed}");
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
    }

    private static BigInteger Units(decimal value)
    {
        var bits = decimal.GetBits(value);
        var magnitude = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        return magnitude * BigInteger.Pow(10, 28 - (bits[3] >> 16 & 0xFF));
    }
}
