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
/// export of the whole range, byte for byte. A ledger keeps one scope (account type, assets);
/// every check is made before any request. Writes one summary object.
/// </summary>
[Cmdlet(VerbsData.Export, "PmNegativeBalanceInterest", SupportsShouldProcess = true)]
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

    private readonly List<string?> _assets = new();
    private int _inputs;

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

    /// <summary>
    /// Assets to export (all when left out); also from the pipeline. Checked by the cmdlet, not by
    /// a validation attribute, so that no piped value can fail to bind and leave the run to go on
    /// with every asset.
    /// </summary>
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
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

    /// <summary>Gathers the assets, one call per piped object (or once, from the command line).</summary>
    protected override void ProcessRecord()
    {
        _inputs++;
        var given = MyInvocation.ExpectingInput || MyInvocation.BoundParameters.ContainsKey(nameof(Asset));
        if (Asset is null || Asset.Length == 0)
        {
            if (given)
            {
                ThrowTerminatingError(ErrorRecords.FromInput(
                    new PmInputException(ErrorIds.InvalidAsset, "-Asset was given no asset code (an empty or null value).", "Give asset codes such as USDT or BTC, or leave -Asset out to export every asset."),
                    Asset));
            }

            return;
        }

        try
        {
            foreach (var asset in AssetArguments.Normalize(Asset))
            {
                if (!_assets.Contains(asset))
                {
                    _assets.Add(asset);
                }
            }
        }
        catch (PmInputException e)
        {
            ThrowTerminatingError(ErrorRecords.FromInput(e, Asset));
        }
    }

    protected override void EndProcessing()
    {
        var fullPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        ExportPlan plan;
        PmConnection connection;
        LedgerScope scope;
        try
        {
            if (MyInvocation.ExpectingInput && _inputs == 0)
            {
                // Input that could not be bound (-Asset given as well, say) or an empty pipeline:
                // going on would export every asset.
                throw new PmInputException(
                    ErrorIds.InvalidAsset,
                    "Export-PmNegativeBalanceInterest was given pipeline input, but no asset came from it (the input was empty, or could not be bound: see the error before this one). Nothing was exported.",
                    "Pipe asset codes, or objects with an Asset property, and do not give -Asset as well; or give -Asset without pipeline input.");
            }

            var bound = MyInvocation.BoundParameters;
            var assets = _assets.Count == 0 ? new string?[] { null } : (IReadOnlyList<string?>)_assets;
            plan = ExportPlan.Create(
                assets,
                After,
                bound.ContainsKey(nameof(StartTime)) ? StartTime : null,
                bound.ContainsKey(nameof(EndTime)) ? EndTime : null,
                SettlingMinutes,
                DateTime.UtcNow);
            connection = ResolveConnection(Connection);
            scope = LedgerScope.Of(connection.AccountType, assets);
            plan.CheckWatermarkScope(scope);
        }
        catch (PmInputException e)
        {
            ThrowTerminatingError(ErrorRecords.FromInput(e, Path));
            return;
        }

        if (plan.AfterMs is not null && plan.AfterScope is null)
        {
            WriteWarning("-After '" + After!.Trim() + "' is a watermark of an older version, without the scope of the run that wrote it, so its account type and assets could not be checked against this run's (" + scope + "). The summary's new Watermark carries them.");
        }

        var ledger = OpenLedger(fullPath, unchanged: true);
        try
        {
            var ledgerScope = ledger is null ? null : ReadScope(fullPath);
            var lastMs = LastMs(ledger);
            Check(() =>
            {
                if (lastMs is not null && ledgerScope is not null)
                {
                    ExportPlan.CheckLedgerScope(fullPath, ledgerScope, scope);
                }

                plan.CheckWatermarkAgainstLedger(fullPath, lastMs);
            });

            var (startMs, endMs) = plan.RangeFor(lastMs);
            if (!ShouldProcess(fullPath, WhatItDoes(ledger, scope, startMs, endMs)))
            {
                return;
            }

            if (ledger is null)
            {
                // Nothing was there to check; what was created meanwhile is checked now.
                ledger = OpenLedger(fullPath, unchanged: false)!;
                ledgerScope = ReadScope(fullPath);
                lastMs = LastMs(ledger);
                Check(() =>
                {
                    if (lastMs is not null && ledgerScope is not null)
                    {
                        ExportPlan.CheckLedgerScope(fullPath, ledgerScope, scope);
                    }

                    plan.CheckWatermarkAgainstLedger(fullPath, lastMs);
                });
                (startMs, endMs) = plan.RangeFor(lastMs);
            }
            else
            {
                LedgerCall(() => ledger.Repair(), fullPath);
            }

            KeepScope(fullPath, ledger, ledgerScope, scope);
            Run(ledger, connection, plan, scope, startMs, endMs);
        }
        finally
        {
            ledger?.Dispose();
        }
    }

    private static long? LastMs(LedgerFile? ledger) =>
        ledger?.LastInstant is DateTime last ? new DateTimeOffset(last).ToUnixTimeMilliseconds() : null;

    private void Run(LedgerFile ledger, PmConnection connection, ExportPlan plan, LedgerScope scope, long startMs, long endMs)
    {
        var fullPath = ledger.FullPath;
        if (ledger.RepairedTornLine)
        {
            WriteWarning("The ledger's last line was cut off (a run stopped while writing it); it was removed and is fetched again.");
        }

        var summary = new LedgerExportSummary(fullPath, startMs, endMs, scope.ToString());
        if (startMs <= endMs)
        {
            WriteVerbose(string.Format(
                CultureInfo.InvariantCulture,
                "Ledger {0} ({1}): {2} rows; adding {3:yyyy-MM-dd HH:mm:ss.fff}Z to {4:yyyy-MM-dd HH:mm:ss.fff}Z through {5}.",
                fullPath,
                scope,
                ledger.RowCount,
                summary.From,
                summary.To,
                connection));
            summary.Requests = RunPager(connection, new PagerRequest<NegativeBalanceInterest>(plan.Assets, startMs, endMs, oldestFirst: true), page => Append(ledger, page, summary), fullPath);
        }
        else if (plan.WhyNothingToAdd(LastMs(ledger)) is { } why)
        {
            WriteWarning(why);
        }
        else
        {
            WriteVerbose("The ledger is up to date: nothing settled has accrued after its last row.");
        }

        summary.Rows = ledger.RowCount;
        WriteObject(summary);
    }

    /// <summary>
    /// Keeps the scope file beside the ledger: a ledger without rows takes the run's scope; one
    /// with rows but no scope file was written by an older version and adopts it, with a warning.
    /// </summary>
    private void KeepScope(string fullPath, LedgerFile ledger, LedgerScope? ledgerScope, LedgerScope scope)
    {
        if (scope.Equals(ledgerScope))
        {
            return;
        }

        LedgerCall(() => LedgerScopeFile.Write(fullPath, scope), fullPath);
        if (ledger.RowCount > 0)
        {
            WriteWarning(
                "The ledger '" + fullPath + "' has rows but no scope file: an older version wrote it. It is now a ledger of " + scope +
                " (kept in '" + LedgerScopeFile.PathFor(fullPath) + "'), and later runs of another account type or -Asset are refused. If earlier runs used other -Asset values than this one, start a new ledger.");
        }
    }

    /// <summary>What -WhatIf says, and -Confirm asks: the range, the scope and the file.</summary>
    private static string WhatItDoes(LedgerFile? ledger, LedgerScope scope, long startMs, long endMs)
    {
        var target = ledger is null || ledger.IsNew
            ? "a new ledger"
            : string.Format(CultureInfo.InvariantCulture, "the ledger of {0} rows (last row {1})", ledger.RowCount, ledger.LastInstant is DateTime last ? Watermark.Format(last) : "none");
        var assets = scope.AllAssetsIncluded ? "every asset" : string.Join(", ", scope.Assets);
        return startMs <= endMs
            ? string.Format(
                CultureInfo.InvariantCulture,
                "Add the {0} records of {1} accrued {2} to {3} to {4}",
                scope.AccountType,
                assets,
                Watermark.Format(startMs),
                Watermark.Format(endMs),
                target)
            : "Add nothing to " + target + ": the range from " + Watermark.Format(startMs) + " to " + Watermark.Format(endMs) + " is empty";
    }

    private LedgerScope? ReadScope(string fullPath)
    {
        LedgerScope? scope = null;
        LedgerCall(() => scope = LedgerScopeFile.Read(fullPath), fullPath);
        return scope;
    }

    private void Check(Action check)
    {
        try
        {
            check();
        }
        catch (PmInputException e)
        {
            ThrowTerminatingError(ErrorRecords.FromInput(e, Path));
        }
    }

    private void LedgerCall(Action call, string fullPath)
    {
        try
        {
            call();
        }
        catch (LedgerException e) when (e is not LedgerOrderException)
        {
            ThrowTerminatingError(ErrorRecords.FromLedger(e, fullPath));
        }
    }

    private LedgerFile? OpenLedger(string fullPath, bool unchanged)
    {
        try
        {
            return unchanged
                ? LedgerFile.OpenUnchanged(fullPath, TimeSpan.FromSeconds(LockTimeoutSec), Cancellation)
                : LedgerFile.Open(fullPath, TimeSpan.FromSeconds(LockTimeoutSec), Cancellation);
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
        catch (LedgerKeyConflictException e)
        {
            ThrowTerminatingError(ErrorRecords.KeyConflictFromBinance(e, ledger.FullPath));
            throw;
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
}
