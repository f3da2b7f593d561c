using System.IO;
using System.Management.Automation;
using PmInterest.Ledger;

namespace PmInterest.Commands;

/// <summary>Reads a ledger file back as typed, exact records, oldest first, in any culture.</summary>
[Cmdlet(VerbsData.Import, "PmNegativeBalanceInterest")]
[OutputType(typeof(NegativeBalanceInterest))]
public sealed class ImportPmNegativeBalanceInterestCommand : PmCmdlet
{
    /// <summary>Ledger files written by Export-PmNegativeBalanceInterest; also from the pipeline.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = System.Array.Empty<string>();

    protected override void ProcessRecord()
    {
        foreach (var path in Path)
        {
            var fullPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            if (!File.Exists(fullPath) && !Directory.Exists(fullPath))
            {
                ThrowTerminatingError(ErrorRecords.FromInput(
                    new PmInputException(ErrorIds.LedgerNotFound, "The ledger '" + fullPath + "' does not exist.", "Give the path of a ledger written by Export-PmNegativeBalanceInterest."),
                    path));
            }

            try
            {
                foreach (var record in LedgerReader.Read(fullPath, line => WriteWarning(TornLine(fullPath, line))))
                {
                    Cancellation.ThrowIfCancellationRequested();
                    WriteObject(record);
                }
            }
            catch (LedgerException e)
            {
                ThrowTerminatingError(ErrorRecords.FromLedger(e, fullPath, reading: true));
            }
        }
    }

    // As loud as Export, which cuts such a line off (with a warning) and fetches it again.
    private static string TornLine(string fullPath, long line) => string.Format(
        System.Globalization.CultureInfo.InvariantCulture,
        "The last line ({0}) of the ledger '{1}' has no line end: a run stopped while writing it, or the file was edited. It was left out; the next Export-PmNegativeBalanceInterest run on this ledger removes it and fetches its record again.",
        line,
        fullPath);
}
