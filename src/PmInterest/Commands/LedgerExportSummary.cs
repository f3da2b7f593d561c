using System;
using PmInterest.Ledger;

namespace PmInterest;

/// <summary>What one run of Export-PmNegativeBalanceInterest did to its ledger.</summary>
public sealed class LedgerExportSummary
{
    internal LedgerExportSummary(string path, long fromMs, long toMs)
    {
        Path = path;
        From = DateTimeOffset.FromUnixTimeMilliseconds(fromMs).UtcDateTime;
        To = DateTimeOffset.FromUnixTimeMilliseconds(toMs).UtcDateTime;

        // The next run may start right after what this one covered; never before a watermark
        // it was itself given (an empty range leaves it where it was).
        Watermark = Ledger.Watermark.Format(Math.Max(toMs, fromMs - 1));
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

    /// <summary>Pass it to -After to fetch exactly what is new since this run (for hosts that keep no files).</summary>
    public string Watermark { get; }

    public override string ToString() => Path + ": " + Added.ToString(System.Globalization.CultureInfo.InvariantCulture) + " added, watermark " + Watermark;
}
