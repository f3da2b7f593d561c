using System.Collections.Generic;
using PmInterest.Binance;
using PmInterest.Binance.Json;
using PmInterest.Valuation;

namespace PmInterest.Endpoints;

/// <summary>
/// <c>GET /api/v3/exchangeInfo</c> (public, weight 20): every spot symbol's base and quote asset,
/// for the routes of the price rule. Sent without parameters (one unknown symbol would fail a
/// named request), it answers for the whole exchange, hence a larger bound than a page's.
/// </summary>
internal sealed class ExchangeInfoEndpoint : ApiEndpoint<IReadOnlyList<MarketSymbol>>
{
    /// <summary>32 MiB: Binance's full answer is a few megabytes.</summary>
    public const int AnswerBytes = 32 * 1024 * 1024;

    public ExchangeInfoEndpoint(string path, int weight, WeightPool pool)
        : base(path, weight, pool, signed: false)
    {
    }

    public override string Expected => "the expected exchange information";

    public override int MaxAnswerBytes => AnswerBytes;

    public override IReadOnlyList<MarketSymbol> Read(JsonCursor body) => ExchangeInfoParser.Read(body);
}
