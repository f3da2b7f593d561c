using System;
using System.Globalization;
using PmInterest.Binance.Json;
using PmInterest.Paging;

namespace PmInterest;

/// <summary>
/// One accrual of interest on a negative balance, as Binance reported it. Amounts are
/// decimals parsed from Binance's strings with their scale kept ("24.4440" stays 24.4440),
/// and the accrual instant is a UTC DateTime.
/// </summary>
public sealed class NegativeBalanceInterest : IEquatable<NegativeBalanceInterest>, IPagedRecord<NegativeBalanceInterest>
{
    public NegativeBalanceInterest(string asset, decimal interest, decimal interestRate, decimal principal, DateTime interestAccruedTime)
    {
        Asset = asset;
        Interest = interest;
        InterestRate = interestRate;
        Principal = principal;
        InterestAccruedTime = DateTime.SpecifyKind(interestAccruedTime, DateTimeKind.Utc);
        AccruedMs = new DateTimeOffset(InterestAccruedTime).ToUnixTimeMilliseconds();
    }

    /// <summary>From the epoch milliseconds Binance sends (0 to 9999-12-31, checked by the reader).</summary>
    internal NegativeBalanceInterest(string asset, decimal interest, decimal interestRate, decimal principal, long accruedMs)
    {
        Asset = asset;
        Interest = interest;
        InterestRate = interestRate;
        Principal = principal;
        AccruedMs = accruedMs;
        InterestAccruedTime = new DateTime(UnixEpochTicks + (accruedMs * TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    /// <summary>The asset that was borrowed (negative), such as USDT.</summary>
    public string Asset { get; }

    /// <summary>The interest charged for this accrual.</summary>
    public decimal Interest { get; }

    /// <summary>The daily interest rate that applied.</summary>
    public decimal InterestRate { get; }

    /// <summary>The negative balance the interest was charged on.</summary>
    public decimal Principal { get; }

    /// <summary>When the interest accrued, in UTC.</summary>
    public DateTime InterestAccruedTime { get; }

    /// <summary>The daily <see cref="InterestRate"/> times 365, exact: the yearly rate the accrual corresponds to.</summary>
    public decimal AnnualizedRate => InterestRate * 365m;

    /// <summary>The accrual instant in epoch milliseconds, as Binance sent it.</summary>
    internal long AccruedMs { get; }

    long IPagedRecord<NegativeBalanceInterest>.InstantMs => AccruedMs;

    private static long UnixEpochTicks => 621355968000000000;

    // Equality compares the decimals as their text would, so 24.4440 and 24.444 are two
    // different records: the scale is part of what Binance sent.
    public bool Equals(NegativeBalanceInterest? other) =>
        other is not null &&
        AccruedMs == other.AccruedMs &&
        string.Equals(Asset, other.Asset, StringComparison.Ordinal) &&
        DecimalScale.SameText(Interest, other.Interest) &&
        DecimalScale.SameText(InterestRate, other.InterestRate) &&
        DecimalScale.SameText(Principal, other.Principal);

    /// <summary>Records of one asset at one instant, ordered by the amounts' text (ordinal): a rare tie-break that must not depend on the server.</summary>
    int IPagedRecord<NegativeBalanceInterest>.CompareWithinInstant(NegativeBalanceInterest other)
    {
        var c = string.CompareOrdinal(Text(Interest), Text(other.Interest));
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(Text(InterestRate), Text(other.InterestRate));
        return c != 0 ? c : string.CompareOrdinal(Text(Principal), Text(other.Principal));
    }

    public override bool Equals(object? obj) => obj is NegativeBalanceInterest other && Equals(other);

    public override int GetHashCode()
    {
        unchecked
        {
            var hash = StringComparer.Ordinal.GetHashCode(Asset);
            hash = (hash * 397) ^ InterestAccruedTime.GetHashCode();
            hash = (hash * 397) ^ Interest.GetHashCode();
            return hash;
        }
    }

    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "{0:yyyy-MM-dd HH:mm:ss}Z {1} interest {2} on {3} at {4}/day",
        InterestAccruedTime,
        Asset,
        Text(Interest),
        Text(Principal),
        Text(InterestRate));

    internal static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
