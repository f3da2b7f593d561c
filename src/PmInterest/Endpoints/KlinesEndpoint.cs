using System.Collections.Generic;
using System.Globalization;
using PmInterest.Binance;
using PmInterest.Binance.Json;
using PmInterest.Valuation;

namespace PmInterest.Endpoints;

/// <summary>
/// <c>GET /api/v3/klines</c> (public market data, weight 2): a symbol's klines of one interval,
/// oldest first from startTime, at most <see cref="MaxLimit"/> a request.
/// </summary>
internal sealed class KlinesEndpoint : ApiEndpoint<KlineSeries>
{
    public KlinesEndpoint(string path, int weight, WeightPool pool, int defaultLimit, int maxLimit)
        : base(path, weight, pool, signed: false)
    {
        DefaultLimit = defaultLimit;
        MaxLimit = maxLimit;
    }

    /// <summary>Klines a request returns without a limit.</summary>
    public int DefaultLimit { get; }

    /// <summary>The most klines a request may ask for.</summary>
    public int MaxLimit { get; }

    public override string Expected => "the expected list of klines";

    /// <summary>symbol, interval, startTime, endTime and limit, in that order.</summary>
    public List<KeyValuePair<string, string>> Parameters(KlineRequest request)
    {
        if (request.Limit < 1 || request.Limit > MaxLimit)
        {
            throw new System.ArgumentOutOfRangeException(nameof(request), request.Limit, "A klines request asks for 1 to " + MaxLimit.ToString(CultureInfo.InvariantCulture) + " klines.");
        }

        return new(5)
        {
            new("symbol", request.Symbol),
            new("interval", request.Interval.Name),
            new("startTime", request.StartMs.ToString(CultureInfo.InvariantCulture)),
            new("endTime", request.EndMs.ToString(CultureInfo.InvariantCulture)),
            new("limit", request.Limit.ToString(CultureInfo.InvariantCulture)),
        };
    }

    public override KlineSeries Read(JsonCursor body) => KlineParser.Read(body);
}
