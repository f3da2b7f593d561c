using System.Management.Automation;
using PmInterest.Binance;

namespace PmInterest.Commands;

/// <summary>
/// Forgets this session's connection; connections held in variables keep working. With
/// -ForgetRefusals it also forgets the 429 waits and 418 bans this process remembers of the
/// connection's host (of every host when the session has no connection), for when the user
/// knows the host no longer refuses.
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "PmAccount")]
[OutputType(typeof(void))]
public sealed class DisconnectPmAccountCommand : PmCmdlet
{
    /// <summary>Also forget the refusals (HTTP 429 waits, HTTP 418 bans) this process remembers of the connection's host, or of every host without a connection.</summary>
    [Parameter]
    public SwitchParameter ForgetRefusals { get; set; }

    protected override void ProcessRecord()
    {
        var connection = ConnectionStore.Current;
        if (connection is not null)
        {
            WriteVerbose("Disconnected: " + connection + ".");
        }

        if (ForgetRefusals)
        {
            WeightGovernor.ForgetRefusals(connection?.BaseUri);
            WriteVerbose("Forgot the refusals (HTTP 429 waits, HTTP 418 bans) this process remembered of " +
                (connection is null ? "every host" : connection.BaseUri.GetLeftPart(System.UriPartial.Authority)) +
                "; the next request there goes alone, before the others.");
        }

        ConnectionStore.Replace(null);
    }
}
