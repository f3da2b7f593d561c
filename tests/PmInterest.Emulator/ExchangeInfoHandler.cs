using System.Text.Json;

namespace PmInterest.Emulator;

/// <summary>The outcome of an exchangeInfo request: a refusal, or the symbols to list and whether to show their permission sets.</summary>
internal sealed record ExchangeInfoResult(BinanceError? Error, IReadOnlyList<MarketSymbol> Symbols, bool PermissionSets);

/// <summary>
/// <c>GET /api/v3/exchangeInfo</c> as Binance answers it: every symbol, or those of symbol or
/// symbols (a JSON array; one unknown symbol fails the request with -1121), permissions and
/// symbolStatus filters (neither with symbol or symbols: -1128), showPermissionSets. Each
/// symbol carries the fields Binance sends, filters and permission sets included, so a client
/// reads a realistic answer.
/// </summary>
internal sealed class ExchangeInfoHandler(EmulatorMarket market, EmulatorOptions options)
{
    internal const string Path = "/api/v3/exchangeInfo";
    internal const int Weight = 20;

    private static readonly string[] Known = ["symbol", "symbols", "permissions", "showPermissionSets", "symbolStatus"];
    private static readonly string[] Permissions = ["SPOT", "MARGIN"];

    internal ExchangeInfoResult Evaluate(RawQuery query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (QueryParameter p in query.Parameters)
        {
            if (!values.TryAdd(p.Name, p.Value))
            {
                return Refused(BinanceError.Duplicate);
            }
        }

        foreach ((string name, string value) in values)
        {
            if (value.Length == 0)
            {
                return Refused(BinanceError.Empty(name));
            }
        }

        int read = values.Keys.Count(Known.Contains);
        if (read != values.Count)
        {
            return Refused(BinanceError.NotAllRead(read, values.Count));
        }

        bool named = values.ContainsKey("symbol") || values.ContainsKey("symbols");
        if ((values.ContainsKey("symbol") && values.ContainsKey("symbols")) || (named && (values.ContainsKey("permissions") || values.ContainsKey("symbolStatus"))))
        {
            return Refused(BinanceError.StartAfterEnd); // -1128: a combination of optional parameters Binance refuses
        }

        bool sets = true;
        if (values.TryGetValue("showPermissionSets", out string? show))
        {
            if (show is not ("true" or "false"))
            {
                return Refused(BinanceError.InvalidData("showPermissionSets"));
            }

            sets = show == "true";
        }

        IEnumerable<MarketSymbol> listed = market.Symbols;
        if (values.TryGetValue("symbol", out string? one))
        {
            MarketSymbol? symbol = market.Find(one);
            return symbol is null ? Refused(BinanceError.BadSymbol) : new ExchangeInfoResult(null, [symbol], sets);
        }

        if (values.TryGetValue("symbols", out string? many))
        {
            string[]? names = Strings(many);
            if (names is null || names.Length == 0)
            {
                return Refused(BinanceError.InvalidData("symbols"));
            }

            var found = new List<MarketSymbol>();
            foreach (string name in names)
            {
                if (market.Find(name) is not { } symbol)
                {
                    return Refused(BinanceError.BadSymbol);
                }

                found.Add(symbol);
            }

            return new ExchangeInfoResult(null, found, sets);
        }

        if (values.TryGetValue("permissions", out string? permissions))
        {
            string[]? wanted = permissions.StartsWith('[') ? Strings(permissions) : [permissions];
            if (wanted is null || wanted.Length == 0)
            {
                return Refused(BinanceError.InvalidData("permissions"));
            }

            if (!wanted.Any(Permissions.Contains))
            {
                listed = [];
            }
        }

        if (values.TryGetValue("symbolStatus", out string? status))
        {
            if (status is not ("TRADING" or "HALT" or "BREAK"))
            {
                return Refused(BinanceError.InvalidData("symbolStatus"));
            }

            listed = listed.Where(s => s.Status == status);
        }

        return new ExchangeInfoResult(null, [.. listed], sets);
    }

    internal void Write(Utf8JsonWriter w, ExchangeInfoResult result, long nowMs)
    {
        w.WriteStartObject();
        w.WriteString("timezone", "UTC");
        w.WriteNumber("serverTime", nowMs);
        w.WriteStartArray("rateLimits");
        RateLimit(w, "REQUEST_WEIGHT", "MINUTE", 1, options.ApiWeightLimit);
        RateLimit(w, "ORDERS", "SECOND", 10, 100);
        RateLimit(w, "ORDERS", "DAY", 1, 200_000);
        RateLimit(w, "RAW_REQUESTS", "MINUTE", 5, 61_000);
        w.WriteEndArray();
        w.WriteStartArray("exchangeFilters");
        w.WriteEndArray();
        w.WriteStartArray("symbols");
        foreach (MarketSymbol s in result.Symbols)
        {
            WriteSymbol(w, s, result.PermissionSets);
        }

        w.WriteEndArray();
        w.WriteStartArray("sors");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSymbol(Utf8JsonWriter w, MarketSymbol s, bool permissionSets)
    {
        string tick = PriceModel.Text(new decimal(1, 0, 0, false, (byte)s.TickDecimals));
        w.WriteStartObject();
        w.WriteString("symbol", s.Symbol);
        w.WriteString("status", s.Status);
        w.WriteString("baseAsset", s.BaseAsset);
        w.WriteNumber("baseAssetPrecision", 8);
        w.WriteString("quoteAsset", s.QuoteAsset);
        w.WriteNumber("quotePrecision", 8);
        w.WriteNumber("quoteAssetPrecision", 8);
        w.WriteNumber("baseCommissionPrecision", 8);
        w.WriteNumber("quoteCommissionPrecision", 8);
        w.WriteStartArray("orderTypes");
        foreach (string type in new[] { "LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT" })
        {
            w.WriteStringValue(type);
        }

        w.WriteEndArray();
        w.WriteBoolean("icebergAllowed", true);
        w.WriteBoolean("ocoAllowed", true);
        w.WriteBoolean("otoAllowed", true);
        w.WriteBoolean("quoteOrderQtyMarketAllowed", true);
        w.WriteBoolean("allowTrailingStop", true);
        w.WriteBoolean("cancelReplaceAllowed", true);
        w.WriteBoolean("isSpotTradingAllowed", s.DelistedMs is null);
        w.WriteBoolean("isMarginTradingAllowed", s.DelistedMs is null);
        w.WriteStartArray("filters");
        w.WriteStartObject();
        w.WriteString("filterType", "PRICE_FILTER");
        w.WriteString("minPrice", tick);
        w.WriteString("maxPrice", "1000000.00000000");
        w.WriteString("tickSize", tick);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType", "LOT_SIZE");
        w.WriteString("minQty", "0.00001000");
        w.WriteString("maxQty", "9000.00000000");
        w.WriteString("stepSize", "0.00001000");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("permissions");
        w.WriteEndArray();
        w.WriteStartArray("permissionSets");
        if (permissionSets)
        {
            w.WriteStartArray();
            foreach (string permission in Permissions)
            {
                w.WriteStringValue(permission);
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteString("defaultSelfTradePreventionMode", "EXPIRE_MAKER");
        w.WriteStartArray("allowedSelfTradePreventionModes");
        foreach (string mode in new[] { "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH" })
        {
            w.WriteStringValue(mode);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void RateLimit(Utf8JsonWriter w, string type, string interval, int number, int limit)
    {
        w.WriteStartObject();
        w.WriteString("rateLimitType", type);
        w.WriteString("interval", interval);
        w.WriteNumber("intervalNum", number);
        w.WriteNumber("limit", limit);
        w.WriteEndObject();
    }

    /// <summary>A JSON array of strings (["BTCUSDT","BNBBTC"]), or null when the text is not one.</summary>
    private static string[]? Strings(string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var list = new List<string>();
            foreach (JsonElement e in document.RootElement.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.String)
                {
                    return null;
                }

                list.Add(e.GetString()!);
            }

            return [.. list];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ExchangeInfoResult Refused(BinanceError error) => new(error, [], false);
}
