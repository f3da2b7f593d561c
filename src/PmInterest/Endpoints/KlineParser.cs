using System.Collections.Generic;
using PmInterest.Binance.Json;
using PmInterest.Interest;
using PmInterest.Valuation;

namespace PmInterest.Endpoints;

/// <summary>
/// Reads the klines answer, an array of arrays, strictly where it matters: each kline needs an
/// open time of plain epoch milliseconds and an open price that is a positive plain decimal a
/// System.Decimal holds exactly (scale kept); the fields after them are passed over.
/// </summary>
internal static class KlineParser
{
    public static KlineSeries Read(JsonCursor cursor)
    {
        var times = new List<long>();
        var opens = new List<decimal>();
        if (cursor.Peek() != '[')
        {
            throw cursor.Error("expected a JSON array of klines");
        }

        cursor.Open('[');
        if (!cursor.TryClose(']'))
        {
            do
            {
                if (cursor.Peek() != '[')
                {
                    throw cursor.Error("a kline is not an array");
                }

                cursor.Open('[');
                if (!cursor.TryUnsigned(cursor.ReadScalar(), out var time) || time > InterestHistoryParser.MaxTimeMs)
                {
                    throw cursor.Error("a kline has no valid open time");
                }

                if (!cursor.TryConsume(',') || !cursor.TryDecimal(cursor.ReadScalar(), out var open) || open <= 0m)
                {
                    throw cursor.Error("a kline has no valid open price (a positive plain decimal of at most 28 decimals)");
                }

                while (cursor.TryConsume(','))
                {
                    cursor.SkipValue();
                }

                cursor.Close(']');
                times.Add(time);
                opens.Add(open);
            }
            while (cursor.TryConsume(','));
            cursor.Close(']');
        }

        return new KlineSeries(times, opens);
    }
}
