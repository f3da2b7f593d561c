using System;
using System.Collections.Generic;
using System.Globalization;
using PmInterest.Ledger;

namespace PmInterest.Totals;

/// <summary>
/// Adds interest records up per group, streaming and in any order, in memory proportional to
/// the number of groups (and, when not grouped by asset, the distinct assets in each). Sums
/// are exact decimals with their scale kept (0.10 + 0.001 = 0.101); a sum that a decimal
/// cannot hold exactly is an <see cref="InterestTotalOverflowException"/>, never rounded.
/// </summary>
internal sealed class InterestTotalsBuilder
{
    private const TotalsGrouping All = TotalsGrouping.Asset | TotalsGrouping.Day | TotalsGrouping.Month | TotalsGrouping.Year;

    private readonly TotalsGrouping _by;
    private readonly int _periodLength;
    private readonly Dictionary<(string? Asset, string? Period), Group> _groups = new();
    private readonly Dictionary<(string? Asset, string? Period), ValueSum> _values = new();

    public InterestTotalsBuilder(TotalsGrouping by)
    {
        if ((by & ~All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "Group by Asset, Day, Month and Year only.");
        }

        _by = by;

        // Lengths of "yyyy-MM-dd", "yyyy-MM" and "yyyy" at the start of a watermark: the
        // finest period asked for wins.
        _periodLength = (by & TotalsGrouping.Day) != 0 ? 10 : (by & TotalsGrouping.Month) != 0 ? 7 : (by & TotalsGrouping.Year) != 0 ? 4 : 0;
    }

    private bool ByAsset => (_by & TotalsGrouping.Asset) != 0;

    /// <summary>The quote of the valued records added; null while none is.</summary>
    public string? Quote { get; private set; }

    /// <summary>Valued records added without a price.</summary>
    public long Unpriced { get; private set; }

    /// <summary>Adds a valued record: its interest as a record's, and its value to its group's value sum.</summary>
    public void Add(ValuedInterest valued)
    {
        if (valued is null)
        {
            throw new ArgumentNullException(nameof(valued));
        }

        if (Quote is not null && !string.Equals(Quote, valued.Quote, StringComparison.Ordinal))
        {
            throw new ArgumentException("Records of different quotes are not one amount.", nameof(valued));
        }

        Add(valued.Record);
        Quote = valued.Quote;
        var key = KeyOf(valued.Record);
        if (!_values.TryGetValue(key, out var sum))
        {
            sum = new ValueSum();
            _values.Add(key, sum);
        }

        sum.Add(valued.Value);
        if (valued.Value is null)
        {
            Unpriced++;
        }
    }

    public void Add(NegativeBalanceInterest record)
    {
        if (record is null)
        {
            throw new ArgumentNullException(nameof(record));
        }

        var key = KeyOf(record);
        if (!_groups.TryGetValue(key, out var group))
        {
            group = new Group(record, trackAssets: !ByAsset);
            _groups.Add(key, group);
            return;
        }

        group.Add(record, key);
    }

    /// <summary>One total per group, ordered by the group's asset (ordinal, none first), then period.</summary>
    public IReadOnlyList<InterestTotal> Results()
    {
        var keys = new List<(string? Asset, string? Period)>(_groups.Keys);
        keys.Sort((x, y) =>
        {
            var c = string.CompareOrdinal(x.Asset, y.Asset);
            return c != 0 ? c : string.CompareOrdinal(x.Period, y.Period);
        });

        var results = new List<InterestTotal>(keys.Count);
        foreach (var key in keys)
        {
            var g = _groups[key];
            var assetCount = g.Assets?.Count ?? 1;
            var asset = key.Asset ?? (assetCount == 1 ? g.FirstAsset : null);
            var total = new InterestTotal(asset, key.Period, g.Count, g.Sum, g.First, g.Last, assetCount);
            if (_values.TryGetValue(key, out var values))
            {
                total.Quote = Quote;
                total.UnpricedCount = values.Unpriced;
                total.Value = values.Unpriced == 0 ? values.Total(GroupName(key)) : null;
            }

            results.Add(total);
        }

        return results;
    }

    private (string? Asset, string? Period) KeyOf(NegativeBalanceInterest record) =>
        (ByAsset ? record.Asset : null, _periodLength == 0 ? null : Watermark.Format(record.InterestAccruedTime).Substring(0, _periodLength));

    private static string GroupName((string? Asset, string? Period) key) =>
        (key.Asset is null ? string.Empty : " of " + key.Asset) + (key.Period is null ? string.Empty : " for " + key.Period);

    private sealed class Group
    {
        public Group(NegativeBalanceInterest record, bool trackAssets)
        {
            Count = 1;
            Sum = record.Interest;
            First = Last = record.InterestAccruedTime;
            FirstAsset = record.Asset;
            if (trackAssets)
            {
                Assets = new HashSet<string>(StringComparer.Ordinal) { record.Asset };
            }
        }

        public long Count { get; private set; }

        public decimal Sum { get; private set; }

        public DateTime First { get; private set; }

        public DateTime Last { get; private set; }

        public string FirstAsset { get; }

        /// <summary>The distinct assets, kept only when the group is not one asset's.</summary>
        public HashSet<string>? Assets { get; }

        public void Add(NegativeBalanceInterest record, (string? Asset, string? Period) key)
        {
            Sum = AddExactly(Sum, record.Interest, key);
            Count++;
            First = record.InterestAccruedTime < First ? record.InterestAccruedTime : First;
            Last = record.InterestAccruedTime > Last ? record.InterestAccruedTime : Last;
            Assets?.Add(record.Asset);
        }

        // decimal addition aligns both operands to the larger scale and only lowers it when
        // the 96-bit result would overflow, rounding as it does: a result with a smaller
        // scale than either operand has lost digits.
        private static decimal AddExactly(decimal sum, decimal value, (string? Asset, string? Period) key)
        {
            decimal result;
            try
            {
                result = sum + value;
            }
            catch (OverflowException e)
            {
                throw new InterestTotalOverflowException(Describe(key), e);
            }

            if (Scale(result) < Math.Max(Scale(sum), Scale(value)))
            {
                throw new InterestTotalOverflowException(Describe(key));
            }

            return result;
        }

        private static int Scale(decimal value) => (decimal.GetBits(value)[3] >> 16) & 0xFF;

        private static string Describe((string? Asset, string? Period) key) => string.Format(
            CultureInfo.InvariantCulture,
            "The interest total{0}{1} cannot be held exactly in a decimal (it needs more than 28 significant digits or exceeds 7.9E+28). Group by asset and a shorter period so that each total is smaller.",
            key.Asset is null ? string.Empty : " of " + key.Asset,
            key.Period is null ? string.Empty : " for " + key.Period);
    }
}
