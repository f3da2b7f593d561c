using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using PmInterest.Emulator;
using PmInterest.Interest;
using Xunit;
using static PmInterest.Tests.Client.EmulatorFixture;
using OutputOrder = PmInterest.Paging.RecordOrder<PmInterest.NegativeBalanceInterest>;
using ServerOrder = PmInterest.Emulator.RecordOrder;
using PmInterest.Paging;
using PmInterest.Endpoints;

namespace PmInterest.Tests.Client;

/// <summary>
/// Every record exactly once, in one order, whatever the timing, against the emulator: the
/// findings about large ties, -First and oldest-first servers, each with its own test.
/// </summary>
public sealed class ExactlyOnceAgainstEmulatorTests
{
    [Theory]
    [MemberData(nameof(AccountTypes), MemberType = typeof(EmulatorFixture))]
    public async Task Large_ties_whose_assets_appear_elsewhere_are_fetched_completely_in_the_one_order(AccountType type)
    {
        await using var server = await EmulatorServer.StartAsync(Crowded(days: 20, instants: 2));
        using var client = NewClient(server, tweak: o => o.MaxConcurrency = 4);

        var (records, overflows, _) = await FetchAll(server, client, type: type);

        Assert.Equal(Expected(server), records);
        var crowded = server.Records.GroupBy(r => r.InterestAccruedTime).Where(g => g.Count() > 100).Select(g => g.Key).ToList();
        Assert.Equal(2, crowded.Count);
        var reports = overflows.Where(o => o.Asset is null).ToList();
        Assert.Equal(crowded.OrderByDescending(t => t), reports.Select(o => new DateTimeOffset(o.Instant).ToUnixTimeMilliseconds()));
        Assert.All(reports, o => Assert.Equal(server.Records.Count(r => new DateTimeOffset(o.Instant).ToUnixTimeMilliseconds() == r.InterestAccruedTime), o.RecordsFetched));
    }

    [Theory]
    [MemberData(nameof(AccountTypes), MemberType = typeof(EmulatorFixture))]
    public async Task A_record_limit_larger_than_the_result_changes_nothing(AccountType type)
    {
        await using var server = await EmulatorServer.StartAsync(Crowded(days: 20, instants: 2));
        using var client = NewClient(server);
        var (start, end) = Range(server);

        var limited = await Paging.PagerRun.RunAsync(
            SourceOf(client, type),
            new PagerRequest<NegativeBalanceInterest>(new string?[] { null }, start, end, recordLimit: 100_000),
            new PagerOptions { MaxConcurrency = 4 });

        Assert.Equal(Expected(server), limited.Records);
    }

    [Theory]
    [InlineData(50, AccountType.PortfolioMarginPro)]
    [InlineData(260, AccountType.PortfolioMarginPro)]
    [InlineData(1000, AccountType.PortfolioMarginPro)]
    [InlineData(260, AccountType.PortfolioMargin)]
    [InlineData(1000, AccountType.PortfolioMargin)]
    public async Task The_first_n_are_the_first_n_of_the_full_result(int n, AccountType type)
    {
        await using var server = await EmulatorServer.StartAsync(Crowded(days: 20, instants: 1));
        using var client = NewClient(server);
        var (start, end) = Range(server);

        var limited = await Paging.PagerRun.RunAsync(
            SourceOf(client, type),
            new PagerRequest<NegativeBalanceInterest>(new string?[] { null }, start, end, recordLimit: n),
            new PagerOptions { MaxConcurrency = 4 });

        Assert.Equal(Expected(server).Take(n), limited.Records.Take(n));
    }

    [Theory]
    [MemberData(nameof(AccountTypes), MemberType = typeof(EmulatorFixture))]
    public async Task An_oldest_first_server_gives_the_same_newest_first_output_across_pages_and_windows(AccountType type)
    {
        var options = Options(days: 75);
        options.Order = ServerOrder.OldestFirst;
        options.TieOrder = TieOrder.Shuffled;
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server, tweak: o => o.MaxConcurrency = 3);

        var (records, _, _) = await FetchAll(server, client, type: type);

        Assert.Equal(Expected(server), records);
    }

    [Theory]
    [MemberData(nameof(AccountTypes), MemberType = typeof(EmulatorFixture))]
    public async Task The_output_is_the_same_at_concurrency_one_and_four_with_latency(AccountType type)
    {
        await using var server = await EmulatorServer.StartAsync(Crowded(days: 60, instants: 1));
        using var one = NewClient(server, tweak: o => o.MaxConcurrency = 1);
        using var four = NewClient(server, tweak: o => o.MaxConcurrency = 4);

        var sequential = await FetchAll(server, one, type: type);
        server.Options.Latency = TimeSpan.FromMilliseconds(3);
        server.Options.Order = ServerOrder.OldestFirst;
        var concurrent = await FetchAll(server, four, type: type);

        Assert.Equal(sequential.Records, concurrent.Records);
        Assert.Equal(Expected(server), concurrent.Records);
    }

    /// <summary>
    /// Data with instants where 101..150 assets accrue at once, each of those assets also once a
    /// few hours away, so the asset set of the range resolves them completely; ties shuffled.
    /// </summary>
    private static EmulatorOptions Crowded(int days, int instants)
    {
        var options = Options(days);
        options.OverflowInstants = instants;
        options.OverflowAssetsElsewhere = true;
        options.TieOrder = TieOrder.Shuffled;
        return options;
    }

    /// <summary>The emulator's records in the module's one output order.</summary>
    private static List<NegativeBalanceInterest> Expected(EmulatorServer server)
    {
        var records = server.Records
            .Select(r => new NegativeBalanceInterest(
                r.Asset,
                decimal.Parse(r.Interest, System.Globalization.CultureInfo.InvariantCulture),
                decimal.Parse(r.InterestRate, System.Globalization.CultureInfo.InvariantCulture),
                decimal.Parse(r.Principal, System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.FromUnixTimeMilliseconds(r.InterestAccruedTime).UtcDateTime))
            .ToList();
        records.Sort(OutputOrder.NewestFirst);
        return records;
    }
}
