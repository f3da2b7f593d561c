using System;
using System.Collections.Generic;

namespace PmInterest.Interest;

/// <summary>
/// The one order records are handed on in, so that a result never depends on the server's
/// order, its tie order or the timing of concurrent requests: by accrual time (newest first
/// for Get, oldest first for the ledger), then by asset (ordinal), then by the amounts' text
/// (ordinal), which also orders two records of one asset at one instant.
/// </summary>
internal sealed class RecordOrder : IComparer<NegativeBalanceInterest>
{
    /// <summary>Newest first: the order of Get-PmNegativeBalanceInterest.</summary>
    public static readonly RecordOrder NewestFirst = new(descending: true);

    /// <summary>Oldest first: the order of the ledger's rows.</summary>
    public static readonly RecordOrder OldestFirst = new(descending: false);

    private readonly bool _descending;

    private RecordOrder(bool descending) => _descending = descending;

    /// <summary>True for <see cref="NewestFirst"/>.</summary>
    public bool Descending => _descending;

    public int Compare(NegativeBalanceInterest? x, NegativeBalanceInterest? y)
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

        var byTime = x.AccruedMs.CompareTo(y.AccruedMs);
        if (byTime != 0)
        {
            return _descending ? -byTime : byTime;
        }

        var c = string.CompareOrdinal(x.Asset, y.Asset);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(NegativeBalanceInterest.Text(x.Interest), NegativeBalanceInterest.Text(y.Interest));
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(NegativeBalanceInterest.Text(x.InterestRate), NegativeBalanceInterest.Text(y.InterestRate));
        return c != 0 ? c : string.CompareOrdinal(NegativeBalanceInterest.Text(x.Principal), NegativeBalanceInterest.Text(y.Principal));
    }

    /// <summary>True when <paramref name="time"/> comes before <paramref name="other"/> in this order.</summary>
    public bool Before(long time, long other) => _descending ? time > other : time < other;
}
