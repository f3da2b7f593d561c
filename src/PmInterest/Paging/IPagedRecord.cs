namespace PmInterest.Paging;

/// <summary>
/// What the window walker needs of a record: its instant and its asset, which is all paging
/// through a time range and splitting an overflowing instant by asset rely on, and a total
/// order of records that share both, so the output never depends on the server's order.
/// Equality (the record's own) is what matches a record seen on two pages.
/// </summary>
internal interface IPagedRecord<in T>
{
    /// <summary>The record's instant in epoch milliseconds, as the server sent it.</summary>
    long InstantMs { get; }

    /// <summary>The asset the record is of (what an endpoint's asset filter matches).</summary>
    string Asset { get; }

    /// <summary>Orders two records of one asset at one instant.</summary>
    int CompareWithinInstant(T other);
}
