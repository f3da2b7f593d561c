using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using PmInterest.Binance;
using PmInterest.Commands;
using PmInterest.Endpoints;
using Xunit;

namespace PmInterest.Tests.Documentation;

/// <summary>
/// The endpoint facts and connection defaults users read are the ones the code uses: each is
/// written once in the code (the descriptors in Endpoints/, BinanceClientOptions), and the
/// README's endpoint table, the about topic's ENDPOINTS and LIMITS sections and the defaults
/// the cmdlets declare are held equal to it here.
/// </summary>
public sealed class DocumentedFactsTests
{
    private static readonly AccountType[] Types = Enum.GetValues<AccountType>();

    /// <summary>Every request of every account type, as the README's table writes a row of it.</summary>
    public static IEnumerable<string> ExpectedReadmeRows()
    {
        foreach (var type in Types)
        {
            var profile = AccountProfile.Of(type);
            yield return Row(type, profile.InterestHistory, string.Empty, profile.InterestHistory.PageSize.ToString(CultureInfo.InvariantCulture), Days(profile.InterestHistory.MaxSpan));
            yield return Row(type, profile.KeyCheck, " (key check)", string.Empty, string.Empty);
            yield return Row(type, profile.ServerTime, " (after -1021)", string.Empty, string.Empty);
        }

        yield return MarketRow(SpotMarket.Klines, string.Format(CultureInfo.InvariantCulture, "{0} klines (default {1})", SpotMarket.Klines.MaxLimit, SpotMarket.Klines.DefaultLimit));
        yield return MarketRow(SpotMarket.ExchangeInfo, string.Empty);
    }

    [Fact]
    public void The_readme_endpoint_table_is_the_endpoint_descriptions()
    {
        var readme = File.ReadAllText(Path.Combine(ErrorIdDocumentationTests.RepositoryRoot(), ErrorIdDocumentationTests.Readme));
        var rows = readme.Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .SkipWhile(l => !l.StartsWith("| account type | request | weight |", StringComparison.Ordinal))
            .Skip(2)
            .TakeWhile(l => l.StartsWith('|'))
            .Select(Normalize)
            .ToList();

        Assert.Equal(ExpectedReadmeRows().Select(Normalize).ToList(), rows);
    }

    [Fact]
    public void The_about_topic_lists_every_request_with_its_weight_pool_limit_and_header()
    {
        var about = Flat(File.ReadAllText(Path.Combine(ErrorIdDocumentationTests.RepositoryRoot(), ErrorIdDocumentationTests.AboutTopic)));
        foreach (var type in Types)
        {
            var profile = AccountProfile.Of(type);
            Assert.Contains(type + " (" + profile.DefaultBaseUri.GetLeftPart(UriPartial.Authority) + ")", about, StringComparison.Ordinal);
            foreach (ApiEndpoint endpoint in new ApiEndpoint[] { profile.InterestHistory, profile.KeyCheck, profile.ServerTime })
            {
                var line = string.Format(
                    CultureInfo.InvariantCulture,
                    @"GET {0}( \([^)]*\))? weight {1}, pool {2}, {3:N0} a minute, {4}",
                    Regex.Escape(endpoint.Path),
                    endpoint.Weight,
                    endpoint.Pool.Name,
                    endpoint.Pool.DefaultLimit,
                    Regex.Escape(endpoint.Pool.UsedWeightHeader));
                Assert.Matches(line, about);
            }

            Assert.Matches(
                string.Format(CultureInfo.InvariantCulture, @"GET {0} weight \d+, [^;]*; {1} records and {2} a request", Regex.Escape(profile.InterestHistory.Path), profile.InterestHistory.PageSize, Days(profile.InterestHistory.MaxSpan)),
                about);
        }
    }

    [Fact]
    public void The_about_topic_lists_the_market_data_requests_with_their_weight_pool_limit_header_and_klines_limit()
    {
        var about = Flat(File.ReadAllText(Path.Combine(ErrorIdDocumentationTests.RepositoryRoot(), ErrorIdDocumentationTests.AboutTopic)));
        Assert.Contains("Market data (Add-PmInterestValue; " + SpotMarket.DefaultBaseUri.GetLeftPart(UriPartial.Authority) + ", no key)", about, StringComparison.Ordinal);
        foreach (ApiEndpoint endpoint in new ApiEndpoint[] { SpotMarket.Klines, SpotMarket.ExchangeInfo })
        {
            Assert.False(endpoint.Signed);
            Assert.Matches(
                string.Format(
                    CultureInfo.InvariantCulture,
                    @"GET {0}( \([^)]*\))? weight {1}, pool {2}, {3:N0} a minute, {4}",
                    Regex.Escape(endpoint.Path),
                    endpoint.Weight,
                    endpoint.Pool.Name,
                    endpoint.Pool.DefaultLimit,
                    Regex.Escape(endpoint.Pool.UsedWeightHeader)),
                about);
        }

        Assert.Contains(string.Format(CultureInfo.InvariantCulture, "at most {0} klines a request ({1} by default)", SpotMarket.Klines.MaxLimit, SpotMarket.Klines.DefaultLimit), about, StringComparison.Ordinal);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, "{0:N0} bytes for exchangeInfo", ExchangeInfoEndpoint.AnswerBytes), about, StringComparison.Ordinal);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, "{0:N0} prices a session", PmInterest.Valuation.PriceCache.DefaultCapacity), about, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_gives_the_market_data_caps_the_code_uses()
    {
        var readme = Flat(File.ReadAllText(Path.Combine(ErrorIdDocumentationTests.RepositoryRoot(), ErrorIdDocumentationTests.Readme)));
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, "| Prices kept per session | {0:N0} (per runspace and host)", PmInterest.Valuation.PriceCache.DefaultCapacity), readme, StringComparison.Ordinal);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, "| Records valued at once | {0:N0} in the first chunk, then {1:N0} |", PmInterest.Valuation.ValuationStream.DefaultFirstChunkSize, PmInterest.Valuation.ValuationStream.DefaultChunkSize), readme, StringComparison.Ordinal);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, "{0} MiB for exchangeInfo", ExchangeInfoEndpoint.AnswerBytes / (1024 * 1024)), readme, StringComparison.Ordinal);
        Assert.Contains("`PMINTEREST_MARKET_BASE_URI`", readme, StringComparison.Ordinal);
        Assert.Equal("PMINTEREST_MARKET_BASE_URI", AddPmInterestValueCommand.BaseUriVariable);
    }

    [Fact]
    public void The_about_topic_gives_the_connection_defaults_and_caps_the_code_uses()
    {
        var about = Flat(File.ReadAllText(Path.Combine(ErrorIdDocumentationTests.RepositoryRoot(), ErrorIdDocumentationTests.AboutTopic)));

        Assert.Contains(string.Format(CultureInfo.InvariantCulture, "-RecvWindow 1 to {0} ms; default {1}", BinanceClientOptions.MaxRecvWindow, BinanceClientOptions.DefaultRecvWindow), about, StringComparison.Ordinal);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, "-TimeoutSec 1 to 3600 s per attempt; default {0}", BinanceClientOptions.DefaultTimeoutSec), about, StringComparison.Ordinal);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, "{0:N0} bytes", BinanceClientOptions.MaxResponseBytes), about, StringComparison.Ordinal);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, "-WeightLimit at least {0};", AccountProfile.Of(AccountType.PortfolioMarginPro).InterestHistory.Weight), about, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_gives_the_connection_defaults_the_code_uses()
    {
        var readme = Flat(File.ReadAllText(Path.Combine(ErrorIdDocumentationTests.RepositoryRoot(), ErrorIdDocumentationTests.Readme)));

        Assert.Contains(string.Format(CultureInfo.InvariantCulture, "`-RecvWindow` (1..{0} ms, default {1})", BinanceClientOptions.MaxRecvWindow, BinanceClientOptions.DefaultRecvWindow), readme, StringComparison.Ordinal);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, "`-TimeoutSec` (per attempt, default {0})", BinanceClientOptions.DefaultTimeoutSec), readme, StringComparison.Ordinal);
    }

    [Fact]
    public void The_help_gives_the_weight_limit_of_each_account_type_as_the_default_of_WeightLimit()
    {
        var help = File.ReadAllText(Path.Combine(ErrorIdDocumentationTests.RepositoryRoot(), ErrorIdDocumentationTests.MamlHelp));
        var expected = string.Join(" or ", Types.Select(t => string.Format(CultureInfo.InvariantCulture, "{0} ({1})", AccountProfile.Of(t).Pool.DefaultLimit, t)));

        var defaults = Regex.Matches(help, @"<maml:name>WeightLimit</maml:name>.*?<dev:defaultValue>(.*?)</dev:defaultValue>", RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value)
            .ToList();

        Assert.NotEmpty(defaults);
        Assert.All(defaults, d => Assert.Equal(expected, d));
    }

    [Fact]
    public void The_cmdlet_defaults_are_the_client_defaults()
    {
        using var connect = new ConnectPmAccountCommand();

        Assert.Equal(BinanceClientOptions.DefaultRecvWindow, connect.RecvWindow);
        Assert.Equal(BinanceClientOptions.DefaultTimeoutSec, connect.TimeoutSec);
        Assert.Equal(BinanceClientOptions.DefaultRecvWindow, new BinanceClientOptions().RecvWindow);
        Assert.Equal(TimeSpan.FromSeconds(BinanceClientOptions.DefaultTimeoutSec), new BinanceClientOptions().RequestTimeout);
    }

    private static string Row(AccountType type, ApiEndpoint endpoint, string note, string page, string span) =>
        string.Format(
            CultureInfo.InvariantCulture,
            "| `{0}` | `GET {1}`{2} | {3} | {4} | {5:N0} | `{6}` | {7} | {8} |",
            type,
            endpoint.Path,
            note,
            endpoint.Weight,
            endpoint.Pool.Name,
            endpoint.Pool.DefaultLimit,
            endpoint.Pool.UsedWeightHeader,
            page,
            span);

    private static string MarketRow(ApiEndpoint endpoint, string page) =>
        string.Format(
            CultureInfo.InvariantCulture,
            "| market data | `GET {0}` (Add-PmInterestValue) | {1} | {2} | {3:N0} | `{4}` | {5} | |",
            endpoint.Path,
            endpoint.Weight,
            endpoint.Pool.Name,
            endpoint.Pool.DefaultLimit,
            endpoint.Pool.UsedWeightHeader,
            page);

    private static string Days(TimeSpan span) => span.TotalDays.ToString(CultureInfo.InvariantCulture) + " days";

    private static string Normalize(string row) => Regex.Replace(row, @"\s+", " ").Trim();

    [Fact]
    public void Readme_and_about_topic_give_the_server_text_cap_the_code_uses()
    {
        var root = ErrorIdDocumentationTests.RepositoryRoot();
        var about = Flat(File.ReadAllText(Path.Combine(root, ErrorIdDocumentationTests.AboutTopic)));
        var readme = Flat(File.ReadAllText(Path.Combine(root, ErrorIdDocumentationTests.Readme)));
        var cap = ServerText.MaxLength.ToString(CultureInfo.InvariantCulture);

        Assert.Contains("cut at " + cap + " characters", about, StringComparison.Ordinal);
        Assert.Contains("Server text shown " + cap + " characters", about, StringComparison.Ordinal);
        Assert.Contains("cut to " + cap + " characters", readme, StringComparison.Ordinal);
        Assert.Contains("| Server messages shown | " + cap + " characters,", readme, StringComparison.Ordinal);
    }

    private static string Flat(string text) => Regex.Replace(text, @"\s+", " ");
}
