using System;
using System.Collections.Generic;

namespace PmInterest.Paging;

/// <summary>Something the pager hands on, in a deterministic order.</summary>
internal abstract class PagerOutput
{
}

/// <summary>Records that are final, of whatever record type: what a bounded queue counts.</summary>
internal abstract class PagerPage : PagerOutput
{
}

/// <summary>Records that are final, in output order, never handed on before in this run.</summary>
internal sealed class PagerPage<T> : PagerPage
{
    public PagerPage(IReadOnlyList<T> records, string? asset, long windowStartMs, long windowEndMs, long completeMs, int requests)
    {
        Records = records;
        Asset = asset;
        WindowStartMs = windowStartMs;
        WindowEndMs = windowEndMs;
        CompleteMs = completeMs;
        Requests = requests;
    }

    public IReadOnlyList<T> Records { get; }

    /// <summary>The asset the window was walked for, or null for all assets.</summary>
    public string? Asset { get; }

    /// <summary>The window the records belong to (inclusive, epoch ms).</summary>
    public long WindowStartMs { get; }

    public long WindowEndMs { get; }

    /// <summary>
    /// How far the requested range is handed on, in output order (epoch ms): for newest-first
    /// output everything after this instant, for oldest-first everything before it. For progress.
    /// </summary>
    public long CompleteMs { get; }

    /// <summary>Requests made by the whole run so far.</summary>
    public int Requests { get; }
}

/// <summary>
/// More records share one instant than a page holds, and not all of them can be proven
/// fetched. Never silent: the caller reports it, after the records of that instant.
/// </summary>
internal sealed class PagerTieOverflow : PagerOutput
{
    public PagerTieOverflow(DateTime instant, string? asset, int recordsFetched, IReadOnlyList<string> assetsQueried, int pageSize)
    {
        Instant = instant;
        Asset = asset;
        RecordsFetched = recordsFetched;
        AssetsQueried = assetsQueried;
        PageSize = pageSize;
    }

    /// <summary>The instant (UTC) the records share.</summary>
    public DateTime Instant { get; }

    /// <summary>The one asset that alone has more records at the instant than a page holds, or null when all assets together do.</summary>
    public string? Asset { get; }

    /// <summary>Records handed on at the instant.</summary>
    public int RecordsFetched { get; }

    /// <summary>The assets the query was split into: every asset seen anywhere in the range (empty for one asset).</summary>
    public IReadOnlyList<string> AssetsQueried { get; }

    public int PageSize { get; }
}

/// <summary>
/// Inside the pager only: at this instant more records of all assets share one instant than a
/// page holds. Its records can be handed on only once every asset of the range is known, so the
/// sequencer resolves it when it gets here, after the whole range has been walked.
/// </summary>
internal sealed class PagerOverflowMarker<T> : PagerOutput
    where T : class, IPagedRecord<T>
{
    public PagerOverflowMarker(long instantMs, RecordMultiset<T> fetched, long windowStartMs, long windowEndMs)
    {
        InstantMs = instantMs;
        Fetched = fetched;
        WindowStartMs = windowStartMs;
        WindowEndMs = windowEndMs;
    }

    public long InstantMs { get; }

    /// <summary>The records of the instant the paging itself reached.</summary>
    public RecordMultiset<T> Fetched { get; }

    public long WindowStartMs { get; }

    public long WindowEndMs { get; }
}
