using System.Globalization;
using System.Text.Json;

namespace PmInterest.Emulator;

/// <summary>One kline as the emulator serves it.</summary>
internal readonly record struct Kline(long OpenMs, decimal Open, decimal High, decimal Low, decimal Close, long CloseMs, long Trades, decimal Volume);

/// <summary>The outcome of a klines request: a refusal, or the klines.</summary>
internal sealed record KlinesResult(BinanceError? Error, IReadOnlyList<Kline> Klines);

/// <summary>
/// <c>GET /api/v3/klines</c> as strictly as Binance: symbol and interval are mandatory,
/// startTime, endTime and limit whole numbers, limit 1 to 1000 (default 500), timeZone within
/// -12:00 .. +14:00; -1120 for an interval that is not one of Binance's, -1121 for a symbol
/// the market does not list. With startTime the oldest klines from it come first; without it,
/// the latest up to endTime (or now). Pure apart from the clock, so the rules read top to bottom.
/// </summary>
internal sealed class KlinesHandler(EmulatorMarket market)
{
    internal const string Path = "/api/v3/klines";
    internal const int Weight = 2;
    private const int DefaultLimit = 500;
    private const int MaxLimit = 1000;

    private static readonly string[] Known = ["symbol", "interval", "startTime", "endTime", "timeZone", "limit"];
    private static readonly string[] Longs = ["startTime", "endTime", "limit"];

    internal KlinesResult Evaluate(RawQuery query, long nowMs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (QueryParameter p in query.Parameters)
        {
            if (!values.TryAdd(p.Name, p.Value))
            {
                return Refused(BinanceError.Duplicate);
            }
        }

        foreach (string mandatory in new[] { "symbol", "interval" })
        {
            if (string.IsNullOrEmpty(values.GetValueOrDefault(mandatory)))
            {
                return Refused(BinanceError.Mandatory(mandatory));
            }
        }

        foreach ((string name, string value) in values)
        {
            if (value.Length == 0)
            {
                return Refused(BinanceError.Empty(name));
            }
        }

        var longs = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string name in Longs)
        {
            if (values.TryGetValue(name, out string? text))
            {
                if (text.Length > 20 || !text.All(char.IsAsciiDigit) || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long n))
                {
                    return Refused(BinanceError.IllegalLong(name));
                }

                longs[name] = n;
            }
        }

        int read = values.Keys.Count(Known.Contains);
        if (read != values.Count)
        {
            return Refused(BinanceError.NotAllRead(read, values.Count));
        }

        KlineIntervals? interval = KlineIntervals.Find(values["interval"]);
        if (interval is null)
        {
            return Refused(BinanceError.BadInterval);
        }

        MarketSymbol? symbol = market.Find(values["symbol"]);
        if (symbol is null)
        {
            return Refused(BinanceError.BadSymbol);
        }

        long limit = longs.GetValueOrDefault("limit", DefaultLimit);
        if (limit is < 1 or > MaxLimit)
        {
            return Refused(BinanceError.InvalidData("limit"));
        }

        long zone = 0;
        if (values.TryGetValue("timeZone", out string? zoneText))
        {
            if (KlineIntervals.ParseZone(zoneText) is not long parsed)
            {
                return Refused(BinanceError.InvalidData("timeZone"));
            }

            zone = parsed;
        }

        long? start = longs.TryGetValue("startTime", out long s) ? s : null;
        long? end = longs.TryGetValue("endTime", out long e) ? e : null;
        if (start > end)
        {
            return Refused(BinanceError.StartAfterEnd);
        }

        return new KlinesResult(null, Select(symbol, interval, zone, start, end, (int)limit, nowMs));
    }

    /// <summary>The klines of the window, oldest first, at most <paramref name="limit"/>.</summary>
    internal static List<Kline> Select(MarketSymbol symbol, KlineIntervals interval, long zone, long? start, long? end, int limit, long nowMs)
    {
        var klines = new List<Kline>(Math.Min(limit, 1000));

        // The first kline that closes at or after the listing, the last that opens before the end of trading and by now.
        long first = interval.Floor(symbol.ListedMs, zone);
        long lastOpen = Math.Min(nowMs, symbol.DelistedMs is long delisted ? delisted - 1 : long.MaxValue);
        long last = interval.Floor(Math.Min(lastOpen, end ?? long.MaxValue), zone);
        if (start is long from)
        {
            for (long open = Math.Max(interval.Ceiling(from, zone), first); open <= last && klines.Count < limit; open = interval.Next(open, zone))
            {
                Add(klines, symbol, interval, zone, open, nowMs);
            }
        }
        else
        {
            for (long open = last; open >= first && klines.Count < limit; open = interval.Previous(open, zone))
            {
                Add(klines, symbol, interval, zone, open, nowMs);
            }

            klines.Reverse();
        }

        return klines;
    }

    internal static void WriteKlines(Utf8JsonWriter w, IReadOnlyList<Kline> klines)
    {
        w.WriteStartArray();
        foreach (Kline k in klines)
        {
            w.WriteStartArray();
            w.WriteNumberValue(k.OpenMs);
            w.WriteStringValue(PriceModel.Text(k.Open));
            w.WriteStringValue(PriceModel.Text(k.High));
            w.WriteStringValue(PriceModel.Text(k.Low));
            w.WriteStringValue(PriceModel.Text(k.Close));
            w.WriteStringValue(PriceModel.Text(k.Volume));
            w.WriteNumberValue(k.CloseMs);
            w.WriteStringValue(PriceModel.Text(decimal.Round(k.Volume * k.Open, 8)));
            w.WriteNumberValue(k.Trades);
            w.WriteStringValue(PriceModel.Text(decimal.Round(k.Volume / 2, 8)));
            w.WriteStringValue(PriceModel.Text(decimal.Round(k.Volume * k.Open / 2, 8)));
            w.WriteStringValue("0");
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private static void Add(List<Kline> klines, MarketSymbol symbol, KlineIntervals interval, long zone, long open, long nowMs)
    {
        long close = interval.Next(open, zone) - 1;
        if (!EmulatorMarket.Exists(symbol, open, close, nowMs))
        {
            return;
        }

        decimal first = EmulatorMarket.OpenOf(symbol, open);
        long lastTraded = Math.Min(close, Math.Min(nowMs, symbol.DelistedMs is long d ? d - 1 : long.MaxValue));
        decimal closing = PriceModel.Price(symbol, lastTraded);
        decimal middle = PriceModel.Price(symbol, Math.Max(open, symbol.ListedMs) + ((lastTraded - Math.Max(open, symbol.ListedMs)) / 2));
        long trades = 1 + (PriceModel.Ticks(symbol, open ^ 0x5A5A) % 997);
        decimal volume = PriceModel.Scaled(trades * 12_345, 4);
        klines.Add(new Kline(open, first, Math.Max(first, Math.Max(closing, middle)), Math.Min(first, Math.Min(closing, middle)), closing, close, trades, volume));
    }

    private static KlinesResult Refused(BinanceError error) => new(error, []);
}
