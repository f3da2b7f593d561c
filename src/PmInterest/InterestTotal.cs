using System;
using System.Globalization;

namespace PmInterest;

/// <summary>
/// The total of one group of interest records, as Measure-PmNegativeBalanceInterest writes it:
/// the group's keys, how many records, their exact decimal sum and the span they cover.
/// </summary>
public sealed class InterestTotal
{
    internal InterestTotal(string? asset, string? period, long count, decimal interest, DateTime first, DateTime last, int assetCount)
    {
        Asset = asset;
        Period = period;
        Count = count;
        Interest = interest;
        First = first;
        Last = last;
        AssetCount = assetCount;
    }

    /// <summary>
    /// The group's asset. When not grouped by asset: the one asset all its records share, or
    /// null when they are of more than one (then <see cref="Interest"/> adds different assets).
    /// </summary>
    public string? Asset { get; }

    /// <summary>The group's UTC period, "yyyy", "yyyy-MM" or "yyyy-MM-dd"; null when not grouped by time.</summary>
    public string? Period { get; }

    /// <summary>How many records the group holds.</summary>
    public long Count { get; }

    /// <summary>The exact decimal sum of the records' interest.</summary>
    public decimal Interest { get; }

    /// <summary>The earliest accrual time in the group (UTC).</summary>
    public DateTime First { get; }

    /// <summary>The latest accrual time in the group (UTC).</summary>
    public DateTime Last { get; }

    /// <summary>How many different assets the group's records are of; more than one means amounts of different assets were added.</summary>
    public int AssetCount { get; }

    /// <summary>The currency the records were valued in (Add-PmInterestValue -Quote); null for records that were not valued.</summary>
    public string? Quote { get; internal set; }

    /// <summary>
    /// The sum of the records' values in <see cref="Quote"/>: exact where a decimal holds it, else
    /// rounded once to the nearest decimal. Null when the records were not valued, or when one of
    /// them has no price (<see cref="UnpricedCount"/>): never a total that leaves a record out.
    /// </summary>
    public decimal? Value { get; internal set; }

    /// <summary>How many of the group's valued records have no price; 0 when all are priced or none was valued.</summary>
    public long UnpricedCount { get; internal set; }

    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "{0} {1}: {2} records, interest {3}",
        Asset ?? "(" + AssetCount.ToString(CultureInfo.InvariantCulture) + " assets)",
        Period ?? "(all time)",
        Count,
        Interest.ToString(CultureInfo.InvariantCulture));
}
