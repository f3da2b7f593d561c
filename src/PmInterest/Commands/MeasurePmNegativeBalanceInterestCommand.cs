using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using PmInterest.Totals;

namespace PmInterest.Commands;

/// <summary>
/// Exact decimal totals of interest records per asset and period (UTC), from Get- or
/// Import-PmNegativeBalanceInterest, or a ledger read by Import-Csv. Measure-Object adds in
/// double; this adds in decimal.
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "PmNegativeBalanceInterest")]
[OutputType(typeof(InterestTotal))]
public sealed class MeasurePmNegativeBalanceInterestCommand : PmCmdlet
{
    private InterestTotalsBuilder? _totals;
    private long _notRecords;

    /// <summary>Group by any of Asset, Day, Month, Year; none gives one total.</summary>
    [Parameter(Position = 0)]
    [ValidateSet("Asset", "Day", "Month", "Year")]
    public string[]? By { get; set; }

    /// <summary>
    /// Records to total (NegativeBalanceInterest, or objects such as Import-Csv gives whose fields
    /// are in the ledger's exact form); an export summary in the same pipeline is passed over.
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    protected override void BeginProcessing()
    {
        var by = TotalsGrouping.None;
        foreach (var name in By ?? Array.Empty<string>())
        {
            by |= (TotalsGrouping)Enum.Parse(typeof(TotalsGrouping), name, ignoreCase: true);
        }

        _totals = new InterestTotalsBuilder(by);
    }

    protected override void ProcessRecord()
    {
        switch (InputObject?.BaseObject)
        {
            case NegativeBalanceInterest record:
                _totals!.Add(record);
                break;
            case LedgerExportSummary:
                break; // Export -PassThru ends with its summary; it is not a record.
            case null:
                break;
            default:
                if (RecordFromProperties.TryConvert(InputObject, out var converted, out var problem))
                {
                    _totals!.Add(converted!);
                }
                else if (++_notRecords == 1)
                {
                    // One error for the pipeline, not one per row of a file.
                    WriteError(ErrorRecords.NotARecord(InputObject, problem));
                }

                break;
        }
    }

    protected override void EndProcessing()
    {
        System.Collections.Generic.IReadOnlyList<InterestTotal> results;
        try
        {
            results = _totals!.Results();
        }
        catch (InterestTotalOverflowException e)
        {
            ThrowTerminatingError(ErrorRecords.TotalOverflow(e));
            return;
        }

        if (_notRecords > 1)
        {
            WriteWarning(string.Format(CultureInfo.InvariantCulture, "{0} objects in all were not interest records and were not totalled.", _notRecords));
        }

        var mixed = results.Where(t => t.AssetCount > 1).ToList();
        if (mixed.Count > 0)
        {
            WriteWarning(string.Format(
                CultureInfo.InvariantCulture,
                "{0} total(s) add interest in different assets, which is not one amount; add -By Asset to keep assets apart.",
                mixed.Count));
        }

        foreach (var total in results)
        {
            WriteObject(total);
        }
    }
}
