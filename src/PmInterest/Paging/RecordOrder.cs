using System.Collections.Generic;

namespace PmInterest.Paging;

/// <summary>
/// The one order records are handed on in, so that a result never depends on the server's
/// order, its tie order or the timing of concurrent requests: by instant (newest first for
/// Get, oldest first for the ledger), then by asset (ordinal), then by the record's own order
/// within an instant (<see cref="IPagedRecord{T}.CompareWithinInstant"/>).
/// </summary>
internal sealed class RecordOrder<T> : IComparer<T>
    where T : class, IPagedRecord<T>
{
    /// <summary>Newest first: the order of Get-PmNegativeBalanceInterest.</summary>
    public static readonly RecordOrder<T> NewestFirst = new(descending: true);

    /// <summary>Oldest first: the order of the ledger's rows.</summary>
    public static readonly RecordOrder<T> OldestFirst = new(descending: false);

    private readonly bool _descending;

    private RecordOrder(bool descending) => _descending = descending;

    /// <summary>True for <see cref="NewestFirst"/>.</summary>
    public bool Descending => _descending;

    public int Compare(T? x, T? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var byTime = x.InstantMs.CompareTo(y.InstantMs);
        if (byTime != 0)
        {
            return _descending ? -byTime : byTime;
        }

        var c = string.CompareOrdinal(x.Asset, y.Asset);
        return c != 0 ? c : x.CompareWithinInstant(y);
    }

    /// <summary>True when <paramref name="time"/> comes before <paramref name="other"/> in this order.</summary>
    public bool Before(long time, long other) => _descending ? time > other : time < other;
}
