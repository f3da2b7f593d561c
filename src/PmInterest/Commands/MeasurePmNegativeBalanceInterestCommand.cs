using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using PmInterest.Totals;

namespace PmInterest.Commands;

/// <summary>
/// Exact decimal totals of interest records per asset and period (UTC), from Get- or
/// Import-PmNegativeBalanceInterest, or a ledger read by Import-Csv. Measure-Object adds in
/// double; this adds in decimal. Records valued by Add-PmInterestValue also get their quote
/// and the sum of their values.
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "PmNegativeBalanceInterest")]
[OutputType(typeof(InterestTotal))]
public sealed class MeasurePmNegativeBalanceInterestCommand : PmCmdlet
{
    /// <summary>The type name valued totals are written with, so that their own view (with Value) shows them.</summary>
    internal const string ValuedTotalTypeName = "PmInterest.InterestTotal#Valued";

    private InterestTotalsBuilder? _totals;
    private long _notRecords;
    private long _plainRecords;

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
            case ValuedInterest valued:
                AddValued(valued);
                break;
            case NegativeBalanceInterest record:
                AddPlain(record);
                break;
            case LedgerExportSummary:
                break; // Export -PassThru ends with its summary; it is not a record.
            case null:
                break;
            default:
                if (RecordFromProperties.TryConvert(InputObject, out var converted, out var problem))
                {
                    AddPlain(converted!);
                }
                else if (++_notRecords == 1)
                {
                    // One error for the pipeline, not one per row of a file.
                    WriteError(ErrorRecords.NotARecord(InputObject, problem));
                }

                break;
        }
    }

    /// <summary>A record without a value: it cannot be totalled with valued ones.</summary>
    private void AddPlain(NegativeBalanceInterest record)
    {
        if (_totals!.Quote is string quote)
        {
            ThrowTerminatingError(ErrorRecords.MixedQuotes(quote, "not valued", record));
        }

        _plainRecords++;
        _totals.Add(record);
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

        // Values in one quote are one amount whatever the assets; only plain interest is not.
        var mixed = results.Where(t => t.AssetCount > 1 && t.Quote is null).ToList();
        if (mixed.Count > 0)
        {
            WriteWarning(string.Format(
                CultureInfo.InvariantCulture,
                "{0} total(s) add interest in different assets, which is not one amount; add -By Asset to keep assets apart.",
                mixed.Count));
        }

        if (_totals!.Unpriced > 0)
        {
            WriteWarning(string.Format(
                CultureInfo.InvariantCulture,
                "{0} record(s) have no price in {1}, so the {2} total(s) that include them have no Value; see the PriceNotFound errors of Add-PmInterestValue.",
                _totals.Unpriced,
                _totals.Quote,
                results.Count(t => t.UnpricedCount > 0)));
        }

        foreach (var total in results)
        {
            if (total.Quote is null)
            {
                WriteObject(total);
                continue;
            }

            var shown = new PSObject(total);
            shown.TypeNames.Insert(0, ValuedTotalTypeName);
            WriteObject(shown);
        }
    }

    private void AddValued(ValuedInterest valued)
    {
        if (_plainRecords > 0)
        {
            ThrowTerminatingError(ErrorRecords.MixedQuotes(valued.Quote, "not valued", valued));
        }

        if (_totals!.Quote is string quote && !string.Equals(quote, valued.Quote, StringComparison.Ordinal))
        {
            ThrowTerminatingError(ErrorRecords.MixedQuotes(quote, "valued in " + valued.Quote, valued));
        }

        _totals.Add(valued);
    }
}
