using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Binance;
using PmInterest.Emulator;
using PmInterest.Endpoints;
using PmInterest.Valuation;

namespace PmInterest.Tests.Valuation;

/// <summary>
/// Valuation against the emulator through the real client and endpoints, and an independent
/// reference: the documented price rule written again here over the emulator's own symbol list
/// and 1m prices (<see cref="EmulatorMarket.OpenAt"/>), sharing no code with the module.
/// </summary>
internal static class MarketFixture
{
    public const long Minute = 60_000;
    public const long Hour = 3_600_000;
    public const long Day = 86_400_000;

    public static long Ms(string utc) => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    public static Task<EmulatorServer> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { Keys = Client.EmulatorFixture.Keys, Records = Array.Empty<EmulatorRecord>() };
        configure?.Invoke(options);
        return EmulatorServer.StartAsync(options);
    }

    /// <summary>A client of public endpoints on the emulator, with the client's own defaults otherwise.</summary>
    public static BinanceClient PublicClient(EmulatorServer server, Action<BinanceClientOptions>? tweak = null)
    {
        var options = new BinanceClientOptions { BaseUri = server.BaseUri, BaseBackoff = TimeSpan.FromMilliseconds(2), MaxBackoff = TimeSpan.FromMilliseconds(20) };
        tweak?.Invoke(options);
        return new BinanceClient(null, null, options);
    }

    public static async Task<IReadOnlyList<ValuedInterest>> ValueAsync(BinanceClient client, MarketSession session, IReadOnlyList<NegativeBalanceInterest> records, string quote, List<string>? log = null)
    {
        var valuator = new Valuator(new MarketSource(client, line => Add(log, line)), session);
        return await valuator.ValueAsync(records, quote, CancellationToken.None);
    }

    private static void Add(List<string>? log, string line)
    {
        if (log is null)
        {
            return;
        }

        lock (log)
        {
            log.Add(line);
        }
    }

    public static NegativeBalanceInterest Record(string asset, long ms, decimal interest = 24.4440m) =>
        new(asset, interest, 0.0001164m, 210000m, DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime);

    /// <summary>Klines requests the emulator received, as (symbol, interval) pairs in arrival order.</summary>
    public static List<(string Symbol, string Interval)> KlinesAsked(EmulatorServer server) =>
        server.RequestLog.Where(r => r.Path == "/api/v3/klines").Select(r =>
        {
            var parts = (r.Query ?? string.Empty).Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : string.Empty);
            return (parts["symbol"], parts["interval"]);
        }).ToList();

    /// <summary>The rule, independently: (price, source) of one unit of <paramref name="asset"/> in <paramref name="quote"/> at the minute of <paramref name="ms"/>, or null.</summary>
    public static (decimal Price, string Source)? Reference(EmulatorMarket market, string asset, string quote, long ms)
    {
        if (asset == quote)
        {
            return (1m, asset);
        }

        var direct = Leg(market, asset, quote, ms);
        if (direct is not null)
        {
            return direct;
        }

        if (asset == "USDT" || quote == "USDT")
        {
            return null;
        }

        var first = Leg(market, asset, "USDT", ms);
        var second = first is null ? null : Leg(market, "USDT", quote, ms);
        return second is null ? null : (first!.Value.Price * second.Value.Price, first.Value.Source + "*" + second.Value.Source);
    }

    private static (decimal Price, string Source)? Leg(EmulatorMarket market, string asset, string quote, long ms)
    {
        var direct = market.Symbols.FirstOrDefault(s => s.BaseAsset == asset && s.QuoteAsset == quote);
        if (direct is not null && Open(market, direct.Symbol, ms) is decimal open)
        {
            return (open, direct.Symbol);
        }

        var inverse = market.Symbols.FirstOrDefault(s => s.BaseAsset == quote && s.QuoteAsset == asset);
        if (inverse is not null && Open(market, inverse.Symbol, ms) is decimal inverted)
        {
            return (1m / inverted, "1/" + inverse.Symbol);
        }

        return null;
    }

    /// <summary>The 1m open as a kline writes it (8 decimals, so with the scale the module reads).</summary>
    private static decimal? Open(EmulatorMarket market, string symbol, long ms) =>
        market.OpenAt(symbol, ms) is decimal open ? decimal.Parse(PriceModel.Text(open), System.Globalization.CultureInfo.InvariantCulture) : null;
}
