using System;
using System.Threading;
using System.Threading.Tasks;

namespace PmInterest.Valuation;

/// <summary>
/// What a session has learned of one market data host: its symbols (read again after
/// <see cref="SymbolsMaxAge"/>, so a long session sees new listings) and every price fetched,
/// so that no price is fetched twice.
/// </summary>
internal sealed class MarketSession
{
    public static readonly TimeSpan SymbolsMaxAge = TimeSpan.FromHours(1);

    private readonly object _gate = new();
    private Task<SymbolTable>? _symbols;

    public MarketSession(PriceCache? prices = null)
    {
        Prices = prices ?? new PriceCache();
    }

    public PriceCache Prices { get; }

    /// <summary>The host's symbols, read through <paramref name="source"/> once per <see cref="SymbolsMaxAge"/> (again after a failed read).</summary>
    public Task<SymbolTable> SymbolsAsync(IMarketSource source, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var known = _symbols;
            var usable = known is not null && !known.IsFaulted && !known.IsCanceled &&
                (!known.IsCompleted || DateTime.UtcNow - known.Result.FetchedUtc <= SymbolsMaxAge);
            if (!usable)
            {
                _symbols = ReadAsync(source, cancellationToken);
            }

            return _symbols!;
        }
    }

    private static async Task<SymbolTable> ReadAsync(IMarketSource source, CancellationToken cancellationToken)
    {
        var fetched = DateTime.UtcNow;
        return new SymbolTable(await source.SymbolsAsync(cancellationToken).ConfigureAwait(false), fetched);
    }
}
