using System;
using System.Globalization;

namespace PmInterest;

/// <summary>
/// An interest record valued in a quote currency at its accrual time (Add-PmInterestValue): the
/// record's properties plus Quote, Price, PriceSource, PriceTime and Value = Interest x Price.
/// A record no route could price has none of the last four, never a zero.
/// </summary>
public sealed class ValuedInterest
{
    internal ValuedInterest(NegativeBalanceInterest record, string quote, decimal? price, string? priceSource, DateTime? priceTime, decimal? value, string? missingPrice)
    {
        Record = record;
        Quote = quote;
        Price = price;
        PriceSource = priceSource;
        PriceTime = priceTime;
        Value = value;
        MissingPrice = missingPrice;
    }

    /// <summary>The asset that was borrowed (negative), such as USDT.</summary>
    public string Asset => Record.Asset;

    /// <summary>The interest charged for this accrual, in <see cref="Asset"/>.</summary>
    public decimal Interest => Record.Interest;

    /// <summary>The daily interest rate that applied.</summary>
    public decimal InterestRate => Record.InterestRate;

    /// <summary>The negative balance the interest was charged on.</summary>
    public decimal Principal => Record.Principal;

    /// <summary>When the interest accrued, in UTC.</summary>
    public DateTime InterestAccruedTime => Record.InterestAccruedTime;

    /// <summary>The daily rate times 365, exact.</summary>
    public decimal AnnualizedRate => Record.AnnualizedRate;

    /// <summary>The currency the record is valued in, such as USDT or EUR.</summary>
    public string Quote { get; }

    /// <summary>One unit of <see cref="Asset"/> in <see cref="Quote"/> at the accrual minute; null when no route gives one.</summary>
    public decimal? Price { get; }

    /// <summary>How the price was made: <c>BTCUSDT</c> (its open), <c>1/EURUSDT</c> (1/open), <c>ETHUSDT*1/EURUSDT</c> (via USDT), or the asset itself when it is the quote.</summary>
    public string? PriceSource { get; }

    /// <summary>The UTC open time of the klines used: the accrual instant rounded down to the minute; null when the asset is the quote or no price was found.</summary>
    public DateTime? PriceTime { get; }

    /// <summary>Interest x Price, in <see cref="Quote"/>; null when there is no price.</summary>
    public decimal? Value { get; }

    /// <summary>The record valued.</summary>
    internal NegativeBalanceInterest Record { get; }

    /// <summary>Why no route gave a price (for the PriceNotFound error); null when priced.</summary>
    internal string? MissingPrice { get; }

    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "{0:yyyy-MM-dd HH:mm:ss}Z {1} interest {2} = {3} {4}",
        InterestAccruedTime,
        Asset,
        NegativeBalanceInterest.Text(Interest),
        Value is decimal value ? NegativeBalanceInterest.Text(value) : "(no price)",
        Quote);
}
