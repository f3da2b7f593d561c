using System.Management.Automation;

namespace PmInterest.Commands;

/// <summary>
/// Shows the session's connection (or -Connection's): the key type and masked key, where the
/// credentials came from, the host and its limits as the module has learned them (weight
/// used and when it resets, a learned lower limit, a ban, the window span, the clock offset).
/// Never a secret.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PmConnection")]
[OutputType(typeof(PmConnection))]
public sealed class GetPmConnectionCommand : PmCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PmConnection? Connection { get; set; }

    protected override void ProcessRecord()
    {
        var connection = Connection ?? ConnectionStore.Current;
        if (connection is null)
        {
            WriteVerbose("No connection in this session: Get-PmNegativeBalanceInterest would read the BINANCE_* environment variables. Run Connect-PmAccount to see and check one.");
            return;
        }

        // The caller now holds it: a later Connect-PmAccount must not close it under them.
        connection.HandedOut = true;
        WriteObject(connection);
    }
}
