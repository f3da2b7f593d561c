using System.Management.Automation;

namespace PmInterest.Commands;

/// <summary>Forgets this session's connection; connections held in variables keep working.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "PmAccount")]
[OutputType(typeof(void))]
public sealed class DisconnectPmAccountCommand : PmCmdlet
{
    protected override void ProcessRecord()
    {
        if (ConnectionStore.Current is { } connection)
        {
            WriteVerbose("Disconnected: " + connection + ".");
        }

        ConnectionStore.Replace(null);
    }
}
