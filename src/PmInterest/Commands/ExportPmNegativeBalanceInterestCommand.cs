using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using PmInterest.Interest;
using PmInterest.Ledger;
using PmInterest.Paging;

namespace PmInterest.Commands;

/// <summary>
/// Brings a ledger file of interest records up to date: creates it, or resumes right after its
/// last row (tie-safe at that instant), so that a ledger built by any number of runs equals one
/// export of the whole range, byte for byte. Writes one summary object.
/// </summary>
[Cmdlet(VerbsData.Export, "PmNegativeBalanceInterest")]
[OutputType(typeof(LedgerExportSummary))]
[OutputType(typeof(NegativeBalanceInterest))]
public sealed class ExportPmNegativeBalanceInterestCommand : PagerCmdlet
{
    /// <summary>
    /// Binance publishes an hour's interest a little after the hour; a run that came too early
    /// must not record the hour without it and then resume past it for ever. The ledger
    /// therefore never reaches closer to now than this, by default.
    /// </summary>
    public const int DefaultSettlingMinutes = 60;

    /// <summary>The ledger file (created when missing).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>Where a new ledger starts; ignored once the ledger has rows or -After is given.</summary>
    [Parameter]
    [TimeArgument]
    public DateTime StartTime { get; set; }

    /// <summary>Where this run stops; at most now minus the settling margin.</summary>
    [Parameter]
    [TimeArgument]
    public DateTime EndTime { get; set; }

    /// <summary>Resume after this watermark (a summary's Watermark) instead of the file's last row.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? After { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AssetCompleter))]
    public string[]? Asset { get; set; }

    [Parameter]
    [ValidateNotNull]
    public PmConnection? Connection { get; set; }

    /// <summary>How long to wait for another run that holds the ledger.</summary>
    [Parameter]
    [ValidateRange(0, 3600)]
    public int LockTimeoutSec { get; set; } = 60;

    /// <summary>How close to now the ledger may reach: records younger than this may still be published.</summary>
    [Parameter]
    [ValidateRange(0, 1440)]
    public int SettlingMinutes { get; set; } = DefaultSettlingMinutes;

    /// <summary>Also write the records added, oldest first, before the summary.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override string Activity => "Export-PmNegativeBalanceInterest";

    protected override void EndProcessing()
    {
        var fullPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        ExportPlan plan;
        PmConnection connection;
        try
        {
            plan = PlanInput();
            connection = ResolveConnection(Connection);
        }
        catch (PmInputException e)
        {
            ThrowTerminatingError(ErrorRecords.FromInput(e, Path));
            return;
        }

        using var ledger = OpenLedger(fullPath);
        if (ledger.RepairedTornLine)
        {
            WriteWarning("The ledger's last line was cut off (a run stopped while writing it); it was removed and is fetched again.");
        }

        var (startMs, endMs) = plan.RangeFor(ledger.LastInstant);
        var summary = new LedgerExportSummary(fullPath, startMs, endMs);
        if (startMs <= endMs)
        {
            WriteVerbose(string.Format(
                CultureInfo.InvariantCulture,
                "Ledger {0}: {1} rows; adding {2:yyyy-MM-dd HH:mm:ss.fff}Z to {3:yyyy-MM-dd HH:mm:ss.fff}Z through {4}.",
                fullPath,
                ledger.RowCount,
                summary.From,
                summary.To,
                connection));
            summary.Requests = RunPager(connection, new PagerRequest<NegativeBalanceInterest>(plan.Assets, startMs, endMs, oldestFirst: true), page => Append(ledger, page, summary), fullPath);
        }
        else
        {
            WriteVerbose("The ledger is up to date: nothing settled has accrued after its last row.");
        }

        summary.Rows = ledger.RowCount;
        WriteObject(summary);
    }

    private ExportPlan PlanInput()
    {
        var bound = MyInvocation.BoundParameters;
        var assets = AssetArguments.Normalize(Asset);
        long? afterMs = null;
        if (After is not null)
        {
            if (!Watermark.TryParse(After.Trim(), out var parsed))
            {
                throw new PmInputException(
                    ErrorIds.InvalidWatermark,
                    "-After '" + After + "' is not a watermark.",
                    "Give the Watermark of an earlier run's summary, such as 2026-11-30T16:00:00.000Z.");
            }

            afterMs = parsed;
        }

        var settled = DateTime.UtcNow - TimeSpan.FromMinutes(SettlingMinutes);
        var (startMs, endMs) = TimeRange.Resolve(
            bound.ContainsKey(nameof(StartTime)) ? StartTime : null,
            bound.ContainsKey(nameof(EndTime)) ? EndTime : null,
            settled,
            settled,
            "now minus -SettlingMinutes " + SettlingMinutes.ToString(CultureInfo.InvariantCulture));
        return new ExportPlan(assets, startMs, endMs, afterMs);
    }

    private LedgerFile OpenLedger(string fullPath)
    {
        try
        {
            return LedgerFile.Open(fullPath, TimeSpan.FromSeconds(LockTimeoutSec), Cancellation);
        }
        catch (LedgerException e) when (e is not LedgerOrderException)
        {
            ThrowTerminatingError(ErrorRecords.FromLedger(e, fullPath));
            throw;
        }
    }

    private bool Append(LedgerFile ledger, PagerPage<NegativeBalanceInterest> page, LedgerExportSummary summary)
    {
        IReadOnlyList<NegativeBalanceInterest> added;
        try
        {
            added = ledger.Append(page.Records);
        }
        catch (LedgerException e) when (e is not LedgerOrderException)
        {
            ThrowTerminatingError(ErrorRecords.FromLedger(e, ledger.FullPath));
            throw;
        }

        summary.Added += added.Count;
        if (PassThru)
        {
            foreach (var record in added)
            {
                WriteObject(record);
            }
        }

        return true;
    }

    /// <summary>What the parameters ask for, before the ledger is read.</summary>
    private sealed class ExportPlan
    {
        private readonly long _startMs;
        private readonly long? _afterMs;

        public ExportPlan(IReadOnlyList<string?> assets, long startMs, long endMs, long? afterMs)
        {
            Assets = assets;
            _startMs = startMs;
            EndMs = endMs;
            _afterMs = afterMs;
        }

        public IReadOnlyList<string?> Assets { get; }

        public long EndMs { get; }

        /// <summary>
        /// The range this run adds: from the ledger's last instant (inclusive: records that share
        /// it are matched, not repeated), or right after the watermark, whichever is later; a new
        /// ledger from -StartTime. An empty range (start after end) means up to date.
        /// </summary>
        public (long StartMs, long EndMs) RangeFor(DateTime? lastInstant)
        {
            long? resume = lastInstant is DateTime last ? new DateTimeOffset(last).ToUnixTimeMilliseconds() : null;
            if (_afterMs is long after)
            {
                resume = Math.Max(resume ?? long.MinValue, after + 1);
            }

            return (resume ?? _startMs, EndMs);
        }
    }
}
