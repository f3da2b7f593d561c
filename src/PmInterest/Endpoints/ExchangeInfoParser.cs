using System.Collections.Generic;
using PmInterest.Binance.Json;
using PmInterest.Interest;
using PmInterest.Valuation;

namespace PmInterest.Endpoints;

/// <summary>
/// Reads the symbols of an exchangeInfo answer: an object whose <c>symbols</c> array holds one
/// object per symbol with <c>symbol</c>, <c>baseAsset</c> and <c>quoteAsset</c> (and
/// <c>status</c>); everything else (filters, rate limits, permission sets) is passed over, and so
/// is a symbol whose name or assets are not codes the module can ask for (one odd listing must
/// not make every price unreadable).
/// </summary>
internal static class ExchangeInfoParser
{
    private const int MaxSymbolLength = 60;

    public static IReadOnlyList<MarketSymbol> Read(JsonCursor cursor)
    {
        if (cursor.Peek() != '{')
        {
            throw cursor.Error("expected a JSON object");
        }

        List<MarketSymbol>? symbols = null;
        cursor.Open('{');
        if (!cursor.TryClose('}'))
        {
            do
            {
                var name = cursor.ReadName();
                if (!cursor.Is(name, "symbols"))
                {
                    cursor.SkipValue();
                    continue;
                }

                if (symbols is not null)
                {
                    throw cursor.Error("the field 'symbols' is there twice");
                }

                symbols = ReadSymbols(cursor);
            }
            while (cursor.TryConsume(','));
            cursor.Close('}');
        }

        return symbols ?? throw cursor.Error("no 'symbols' list");
    }

    private static List<MarketSymbol> ReadSymbols(JsonCursor cursor)
    {
        var symbols = new List<MarketSymbol>();
        if (cursor.Peek() != '[')
        {
            throw cursor.Error("'symbols' is not an array");
        }

        cursor.Open('[');
        if (cursor.TryClose(']'))
        {
            return symbols;
        }

        do
        {
            if (ReadSymbol(cursor) is { } symbol)
            {
                symbols.Add(symbol);
            }
        }
        while (cursor.TryConsume(','));
        cursor.Close(']');
        return symbols;
    }

    private static MarketSymbol? ReadSymbol(JsonCursor cursor)
    {
        if (cursor.Peek() != '{')
        {
            throw cursor.Error("a symbol is not a JSON object");
        }

        string? symbol = null, baseAsset = null, quoteAsset = null, status = null;
        cursor.Open('{');
        if (!cursor.TryClose('}'))
        {
            do
            {
                var name = cursor.ReadName();
                if (cursor.Is(name, "symbol"))
                {
                    symbol = Text(cursor, symbol);
                }
                else if (cursor.Is(name, "baseAsset"))
                {
                    baseAsset = Text(cursor, baseAsset);
                }
                else if (cursor.Is(name, "quoteAsset"))
                {
                    quoteAsset = Text(cursor, quoteAsset);
                }
                else if (cursor.Is(name, "status"))
                {
                    status = Text(cursor, status);
                }
                else
                {
                    cursor.SkipValue();
                }
            }
            while (cursor.TryConsume(','));
            cursor.Close('}');
        }

        return IsSymbol(symbol) && AssetCode.IsValid(baseAsset) && AssetCode.IsValid(quoteAsset)
            ? new MarketSymbol(symbol!, baseAsset!, quoteAsset!, status)
            : null;
    }

    private static string? Text(JsonCursor cursor, string? seen)
    {
        if (seen is not null)
        {
            throw cursor.Error("a symbol has a field twice");
        }

        var value = cursor.ReadScalar();
        return value.Kind == JsonKind.String ? cursor.Text(value) : string.Empty;
    }

    private static bool IsSymbol(string? symbol)
    {
        if (string.IsNullOrEmpty(symbol) || symbol!.Length > MaxSymbolLength)
        {
            return false;
        }

        foreach (var c in symbol)
        {
            if (!(char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.'))
            {
                return false;
            }
        }

        return true;
    }
}
