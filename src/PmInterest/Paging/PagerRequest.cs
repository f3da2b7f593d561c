using System;
using System.Collections.Generic;
using System.Linq;

namespace PmInterest.Paging;

/// <summary>What one run of the pager fetches.</summary>
internal sealed class PagerRequest<T>
    where T : class, IPagedRecord<T>
{
    public PagerRequest(IReadOnlyList<string?> assets, long startMs, long endMs, long? recordLimit = null, bool oldestFirst = false)
    {
        if (assets.Count == 0)
        {
            throw new ArgumentException("At least one asset (or null for all) is needed.", nameof(assets));
        }

        if (assets.Count > 1 && assets.Contains(null))
        {
            throw new ArgumentException("Either name assets or ask for all (a single null), not both.", nameof(assets));
        }

        if (startMs > endMs)
        {
            throw new ArgumentException("The start is after the end.", nameof(startMs));
        }

        Assets = assets;
        StartMs = startMs;
        EndMs = endMs;
        RecordLimit = recordLimit;
        Order = oldestFirst ? RecordOrder<T>.OldestFirst : RecordOrder<T>.NewestFirst;
    }

    /// <summary>Assets to walk one after another in each window, or a single null entry for every asset in one walk.</summary>
    public IReadOnlyList<string?> Assets { get; }

    public long StartMs { get; }

    public long EndMs { get; }

    /// <summary>Stop once this many records have been handed on (for -First/-Skip): no page beyond the one that reaches it.</summary>
    public long? RecordLimit { get; }

    /// <summary>The output order: newest first (Get) or oldest first (the ledger).</summary>
    public RecordOrder<T> Order { get; }
}

/// <summary>Tuning of the pager; the defaults follow Binance's documented limits.</summary>
internal sealed class PagerOptions
{
    /// <summary>Longest window one request may cover as far as known (the source's documented span until the server says less); null: the source's.</summary>
    public TimeSpan? Span { get; set; }

    /// <summary>Windows fetched at once. Output order does not depend on it.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Pages a window that is not yet being written may hold before its fetching waits.</summary>
    public int LookaheadPages { get; set; } = 8;

    /// <summary>
    /// How far that may grow while the output waits on the network: buffering ahead only
    /// pays when the walk, not the pipeline, is the slower side.
    /// </summary>
    public int MaxLookaheadPages { get; set; } = 128;
}
