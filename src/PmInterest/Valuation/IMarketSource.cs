using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PmInterest.Valuation;

/// <summary>Where valuation reads public market data: the host's symbols and klines. The client-backed one is Endpoints.MarketSource; tests give their own.</summary>
internal interface IMarketSource
{
    /// <summary>How many requests may be in flight at once (the weight governor paces them all).</summary>
    int MaxConcurrency { get; }

    /// <summary>Requests sent so far, for progress.</summary>
    int Requests { get; }

    Task<IReadOnlyList<MarketSymbol>> SymbolsAsync(CancellationToken cancellationToken);

    /// <summary>The klines of the request's window, oldest first; nothing outside it.</summary>
    Task<KlineSeries> KlinesAsync(KlineRequest request, CancellationToken cancellationToken);
}
