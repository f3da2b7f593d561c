using System;
using System.Collections.Generic;
using System.Globalization;
using PmInterest.Ledger;

namespace PmInterest.Commands;

/// <summary>
/// What one run of Export-PmNegativeBalanceInterest asks for, checked before any request: the
/// assets, the watermark and the range. Every refusal is a <see cref="PmInputException"/> that
/// names both instants or both scopes and says what to do, so a ledger never gets a gap or
/// another scope's records silently.
/// </summary>
internal sealed class ExportPlan
{
    private const string WatermarkExample = "2026-11-30T16:00:00.000Z;PortfolioMarginPro;*";

    private readonly long _startMs;
    private readonly string _settledText;

    private ExportPlan(IReadOnlyList<string?> assets, long startMs, long endMs, bool endGiven, long? afterMs, LedgerScope? afterScope, string settledText)
    {
        Assets = assets;
        _startMs = startMs;
        EndMs = endMs;
        EndGiven = endGiven;
        AfterMs = afterMs;
        AfterScope = afterScope;
        _settledText = settledText;
    }

    /// <summary>The assets to walk (a single null: every asset).</summary>
    public IReadOnlyList<string?> Assets { get; }

    public long EndMs { get; }

    /// <summary>True when -EndTime was given (an end before the ledger's last row is then told, not passed over).</summary>
    public bool EndGiven { get; }

    /// <summary>The -After watermark's instant, or null without -After.</summary>
    public long? AfterMs { get; }

    /// <summary>The scope the watermark carries; null without -After or for a plain watermark of an older version.</summary>
    public LedgerScope? AfterScope { get; }

    /// <summary>Checks the parameters: the watermark's form, that it lies between 1970 and the settled end, and the time range.</summary>
    public static ExportPlan Create(IReadOnlyList<string?> assets, string? after, DateTime? start, DateTime? end, int settlingMinutes, DateTime utcNow)
    {
        var settled = utcNow - TimeSpan.FromMinutes(settlingMinutes);
        var settledText = "now minus -SettlingMinutes " + settlingMinutes.ToString(CultureInfo.InvariantCulture);
        long? afterMs = null;
        LedgerScope? afterScope = null;
        if (after is not null)
        {
            if (!Watermark.TryParse(after.Trim(), out var parsed, out afterScope))
            {
                throw new PmInputException(
                    ErrorIds.InvalidWatermark,
                    "-After '" + After(after) + "' is not a watermark.",
                    "Give the Watermark of an earlier run's summary unchanged, such as " + WatermarkExample + ".");
            }

            // Binance times start at 1970: a watermark just before it means "from the start".
            if (parsed < -1)
            {
                throw new PmInputException(
                    ErrorIds.InvalidWatermark,
                    "-After " + Watermark.Format(parsed) + " is before 1970-01-01, where Binance times start; no run writes such a watermark.",
                    "Give the Watermark of an earlier run's summary; to start a ledger from the beginning, give 1969-12-31T23:59:59.999Z or use -StartTime.");
            }

            var settledMs = new DateTimeOffset(settled).ToUnixTimeMilliseconds();
            if (parsed > settledMs)
            {
                throw new PmInputException(
                    ErrorIds.InvalidWatermark,
                    "-After " + Watermark.Format(parsed) + " is later than the settled end, " + settledText + " (" + Watermark.Format(settledMs) +
                    "): no run writes such a watermark, and one that is stored would skip everything until then.",
                    "Give the Watermark of an earlier run's summary unchanged; if that run used a smaller -SettlingMinutes, give the same value.");
            }

            afterMs = parsed;
        }

        var (startMs, endMs) = TimeRange.Resolve(start, end, settled, settled, settledText);
        return new ExportPlan(assets, startMs, endMs, end is not null, afterMs, afterScope, settledText);
    }

    /// <summary>Refuses a watermark whose scope is not the run's; nothing to check for a plain one.</summary>
    public void CheckWatermarkScope(LedgerScope run)
    {
        if (AfterScope?.DifferenceFrom(run) is { } difference)
        {
            throw new PmInputException(
                ErrorIds.LedgerScopeMismatch,
                "-After's watermark was written by a run of " + Describe(AfterScope) + ", but " + difference + ": the rows of this run would not continue those of the earlier ones.",
                "Run with the scope of the watermark (" + Describe(AfterScope) + "), or start a new series with -StartTime and no -After.");
        }
    }

    /// <summary>Refuses a ledger of another scope than the run's.</summary>
    public static void CheckLedgerScope(string fullPath, LedgerScope ledger, LedgerScope run)
    {
        if (ledger.DifferenceFrom(run) is { } difference)
        {
            throw new PmInputException(
                ErrorIds.LedgerScopeMismatch,
                "The ledger '" + fullPath + "' is a ledger of " + Describe(ledger) + " (kept in '" + LedgerScopeFile.PathFor(fullPath) + "'), but " + difference +
                ". The run would leave the ledger incomplete or mixed, so it was refused before any request and the file left untouched.",
                "Run with the ledger's scope (" + Describe(ledger) + "), or give another -Path for a ledger of the new scope.");
        }
    }

    /// <summary>Refuses a watermark later than the ledger's last row: the records between them would never be fetched.</summary>
    public void CheckWatermarkAgainstLedger(string fullPath, long? lastMs)
    {
        if (AfterMs is long after && lastMs is long last && after > last)
        {
            throw new PmInputException(
                ErrorIds.InvalidWatermark,
                "-After " + Watermark.Format(after) + " is later than the last row of the ledger '" + fullPath + "' (" + Watermark.Format(last) +
                "): the records accrued between them would never be fetched.",
                "Leave -After out for a ledger that has rows (it resumes after its last row), or give -After with a new or empty file.");
        }
    }

    /// <summary>
    /// The range this run adds: from the ledger's last instant (inclusive: records that share it
    /// are matched, not repeated); for a ledger without rows right after the watermark, else from
    /// -StartTime. An empty range (start after end) means there is nothing to add.
    /// </summary>
    public (long StartMs, long EndMs) RangeFor(long? lastMs) =>
        (lastMs ?? (AfterMs is long after ? after + 1 : _startMs), EndMs);

    /// <summary>Why the range is empty, to be told as a warning; null when it is not, or when the ledger is merely up to date.</summary>
    public string? WhyNothingToAdd(long? lastMs)
    {
        var (startMs, endMs) = RangeFor(lastMs);
        if (startMs <= endMs)
        {
            return null;
        }

        var end = Watermark.Format(endMs);
        if (lastMs is long last)
        {
            return EndGiven
                ? "-EndTime " + end + " is before the ledger's last row (" + Watermark.Format(last) + "), so nothing was added: a ledger only grows after its last row. To read an earlier range, use Import- or Get-PmNegativeBalanceInterest."
                : "The ledger's last row (" + Watermark.Format(last) + ") is later than " + _settledText + " (" + end + "), so nothing was added; an earlier run used a smaller -SettlingMinutes.";
        }

        return EndGiven && AfterMs is long after
            ? "-EndTime " + end + " is not after the watermark " + Watermark.Format(after) + ", so nothing was added."
            : null;
    }

    private static string Describe(LedgerScope scope) =>
        "account type " + scope.AccountType + " and " + LedgerScope.DescribeAssets(scope);

    // What was given, cut short so that a pasted file cannot flood the message.
    private static string After(string text) => text.Length <= 60 ? text : text.Substring(0, 60) + "...";
}
