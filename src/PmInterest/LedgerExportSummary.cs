using System;
using PmInterest.Ledger;

namespace PmInterest;

/// <summary>What one run of Export-PmNegativeBalanceInterest did to its ledger.</summary>
public sealed class LedgerExportSummary
{
    internal LedgerExportSummary(string path, long fromMs, long toMs, string scope)
    {
        Path = path;
        From = DateTimeOffset.FromUnixTimeMilliseconds(fromMs).UtcDateTime;
        To = DateTimeOffset.FromUnixTimeMilliseconds(toMs).UtcDateTime;
        Scope = scope;

        // The next run may start right after what this one covered; never before a watermark
        // it was itself given (an empty range leaves it where it was). The scope goes with it,
        // so that the next run can be checked to continue this one.
        Watermark = Ledger.Watermark.Format(Math.Max(toMs, fromMs - 1)) + ";" + scope;
    }

    /// <summary>The ledger file, as a full path.</summary>
    public string Path { get; }

    /// <summary>Rows this run added.</summary>
    public long Added { get; internal set; }

    /// <summary>The range this run asked Binance for (UTC, inclusive); From after To when the ledger was up to date.</summary>
    public DateTime From { get; }

    public DateTime To { get; }

    /// <summary>Requests this run made.</summary>
    public int Requests { get; internal set; }

    /// <summary>Rows in the ledger after the run.</summary>
    public long Rows { get; internal set; }

    /// <summary>What the ledger is a ledger of: the account type and the assets, as "PortfolioMarginPro;*" or "PortfolioMargin;BTC,ETH".</summary>
    public string Scope { get; }

    /// <summary>
    /// Pass it to -After to fetch exactly what is new since this run (for hosts that keep no
    /// files): the end of the range covered and the scope, as "2026-11-30T16:00:00.000Z;PortfolioMarginPro;*".
    /// </summary>
    public string Watermark { get; }

    public override string ToString() => Path + ": " + Added.ToString(System.Globalization.CultureInfo.InvariantCulture) + " added, watermark " + Watermark;
}
