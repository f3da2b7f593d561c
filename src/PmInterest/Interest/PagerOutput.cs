using System;
using System.Collections.Generic;

namespace PmInterest.Interest;

/// <summary>Something the pager hands on, in a deterministic order.</summary>
internal abstract class PagerOutput
{
}

/// <summary>New records from one request, newest first, never seen before in this run.</summary>
internal sealed class PagerPage : PagerOutput
{
    public PagerPage(IReadOnlyList<NegativeBalanceInterest> records, string? asset, long windowStartMs, long windowEndMs, long oldestCompleteMs, int requests)
    {
        Records = records;
        Asset = asset;
        WindowStartMs = windowStartMs;
        WindowEndMs = windowEndMs;
        OldestCompleteMs = oldestCompleteMs;
        Requests = requests;
    }

    public IReadOnlyList<NegativeBalanceInterest> Records { get; }

    public string? Asset { get; }

    /// <summary>The window the request asked for (inclusive, epoch ms).</summary>
    public long WindowStartMs { get; }

    public long WindowEndMs { get; }

    /// <summary>How far back (epoch ms) the requested range is now complete, for progress.</summary>
    public long OldestCompleteMs { get; }

    /// <summary>Requests made by the whole run so far.</summary>
    public int Requests { get; }
}

/// <summary>
/// More records share one instant than a page holds, and not all of them could be
/// fetched for certain. Never silent: the caller reports it.
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

    /// <summary>The asset the overflowing query was for, or null for all assets.</summary>
    public string? Asset { get; }

    public int RecordsFetched { get; }

    /// <summary>The assets the query was split into (empty when it could not be split).</summary>
    public IReadOnlyList<string> AssetsQueried { get; }

    public int PageSize { get; }
}
