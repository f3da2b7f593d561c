using System;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Xunit;
using PmInterest.Binance;
using PmInterest.Emulator;
using PmInterest.Valuation;
using Xunit;

namespace PmInterest.Tests.Valuation;

/// <summary>One emulator and one session for every case of the property (the cache is part of what is tested).</summary>
public sealed class ValuationPropertyServer : IAsyncLifetime
{
    public EmulatorServer Server { get; private set; } = null!;

    internal BinanceClient Client { get; private set; } = null!;

    internal MarketSession Session { get; } = new();

    public async Task InitializeAsync()
    {
        Server = await MarketFixture.StartAsync(o => o.ApiWeightLimit = 10_000_000);
        Client = MarketFixture.PublicClient(Server, o => o.WeightLimit = 10_000_000);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>
/// For random records (assets with and without markets, listed later or delisted, quotes with
/// every route, any instant to the millisecond, any interest and scale): Value = Interest x Price
/// exactly, and Price and PriceSource are those of the rule computed independently from the
/// emulator's own symbols and prices; a record without a reference price has none either.
/// </summary>
public sealed class ValuationProperties : IClassFixture<ValuationPropertyServer>
{
    private static readonly string[] Assets = { "BTC", "ETH", "SOL", "XRP", "BNB", "USDC", "FDUSD", "USDT", "EUR", "NEWCOIN", "OLDCOIN", "DOGE" };
    private static readonly string[] Quotes = { "USDT", "EUR", "USDC", "TRY", "BTC" };
    private static readonly long From = MarketFixture.Ms("2024-06-01T00:00:00Z");
    private static readonly long To = MarketFixture.Ms("2025-12-31T23:59:59.999Z");

    private readonly ValuationPropertyServer _fixture;

    public ValuationProperties(ValuationPropertyServer fixture) => _fixture = fixture;

    [Property(MaxTest = 40)]
    public void Value_is_interest_times_the_price_the_rule_gives_from_the_emulators_prices(int seed, PositiveInt count)
    {
        var random = new Random(seed);
        var quote = Quotes[random.Next(Quotes.Length)];
        var records = Enumerable.Range(0, 1 + (count.Get % 25)).Select(_ =>
        {
            var ms = From + (long)(random.NextDouble() * (To - From));
            var scale = (byte)random.Next(0, 9);
            var interest = new decimal(random.Next(1, int.MaxValue), random.Next(0, 3), 0, false, scale);
            return new NegativeBalanceInterest(Assets[random.Next(Assets.Length)], interest, 0.0001m, 1000m, ms);
        }).ToList();

        var valued = MarketFixture.ValueAsync(_fixture.Client, _fixture.Session, records, quote).GetAwaiter().GetResult();

        Assert.Equal(records, valued.Select(v => v.Record));
        foreach (var v in valued)
        {
            var reference = MarketFixture.Reference(_fixture.Server.Market, v.Asset, quote, v.Record.AccruedMs);
            Assert.Equal(reference?.Price, v.Price);
            Assert.Equal(reference?.Source, v.PriceSource);
            Assert.Equal(reference is null ? null : v.Interest * reference.Value.Price, v.Value);
            Assert.Equal(reference is null, v.MissingPrice is not null);
        }
    }
}
