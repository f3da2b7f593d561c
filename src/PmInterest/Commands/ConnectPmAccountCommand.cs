using System;
using System.Management.Automation;
using System.Security;
using PmInterest.Binance;

namespace PmInterest.Commands;

/// <summary>
/// <para type="synopsis">Connects this PowerShell session to a Binance account.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "PmAccount", DefaultParameterSetName = EnvironmentSet)]
[OutputType(typeof(PmConnection))]
public sealed class ConnectPmAccountCommand : PmCmdlet
{
    private const string EnvironmentSet = "Environment";
    private const string SecretSet = "ApiSecret";
    private const string CredentialSet = "Credential";
    private const string PrivateKeySet = "PrivateKey";

    /// <summary>The API key. In the Environment set, BINANCE_API_KEY fills it when left out.</summary>
    [Parameter(ParameterSetName = SecretSet, Mandatory = true, Position = 0)]
    [Parameter(ParameterSetName = PrivateKeySet, Mandatory = true, Position = 0)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    [ValidateNotNullOrEmpty]
    public string? ApiKey { get; set; }

    /// <summary>The secret of an HMAC API key.</summary>
    [Parameter(ParameterSetName = SecretSet, Mandatory = true, Position = 1)]
    [ValidateNotNull]
    public SecureString? ApiSecret { get; set; }

    /// <summary>User name = API key, password = secret (an Azure Automation credential asset).</summary>
    [Parameter(ParameterSetName = CredentialSet, Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary>A PKCS#8 PEM file holding an RSA or Ed25519 private key.</summary>
    [Parameter(ParameterSetName = PrivateKeySet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? PrivateKeyPath { get; set; }

    /// <summary>The passphrase of an encrypted private key file.</summary>
    [Parameter(ParameterSetName = PrivateKeySet)]
    public SecureString? PrivateKeyPassphrase { get; set; }

    /// <summary>Which Portfolio Margin product: PortfolioMarginPro (default; PMINTEREST_ACCOUNT_TYPE when left out) or PortfolioMargin.</summary>
    [Parameter]
    public AccountType AccountType { get; set; }

    /// <summary>The API's root address; the account type's Binance host when left out (or PMINTEREST_BASE_URI).</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? BaseUri { get; set; }

    [Parameter]
    [ValidateRange(1, BinanceClientOptions.MaxRecvWindow)]
    public int RecvWindow { get; set; } = BinanceClientOptions.DefaultRecvWindow;

    /// <summary>Request weight a minute the module allows itself; the account type's documented limit when left out.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int WeightLimit { get; set; }

    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = BinanceClientOptions.DefaultTimeoutSec;

    /// <summary>Do not check the key with Binance now (offline use); the first request will.</summary>
    [Parameter]
    public SwitchParameter SkipCheck { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var settings = new ConnectionSettings
        {
            ApiKey = ApiKey,
            ApiSecret = ApiSecret,
            PrivateKeyPath = PrivateKeyPath is null ? null : ResolvePath(PrivateKeyPath),
            PrivateKeyPassphrase = PrivateKeyPassphrase,
            BaseUri = BaseUri,
            AccountType = MyInvocation.BoundParameters.ContainsKey(nameof(AccountType)) ? AccountType : null,
            RecvWindow = RecvWindow,
            WeightLimit = MyInvocation.BoundParameters.ContainsKey(nameof(WeightLimit)) ? WeightLimit : null,
            TimeoutSec = TimeoutSec,
        };
        if (Credential is not null)
        {
            settings.ApiKey = Credential.UserName;
            settings.ApiSecret = Credential.Password;
            settings.Source = "Credential";
        }

        PmConnection connection;
        try
        {
            connection = settings.Connect(ResolvePath);
        }
        catch (PmInputException e)
        {
            ThrowTerminatingError(ErrorRecords.FromInput(e, null));
            return;
        }

        if (PlainHttpWarning.ForAccount(connection.BaseUri) is { } warning)
        {
            WriteWarning(warning);
        }

        if (!SkipCheck && !Check(connection))
        {
            return;
        }

        ConnectionStore.Replace(connection);
        WriteVerbose("Connected: " + connection + " (credentials from " + connection.Source + ").");
        if (PassThru)
        {
            connection.HandedOut = true;
            WriteObject(connection);
        }
    }

    /// <summary>
    /// One cheap signed request that the account type's host serves (Portfolio Margin Pro:
    /// apiRestrictions, weight 1; Portfolio Margin: Account Information, weight 20) proves the
    /// key, the signature, the clock and the IP allow list, and, where it tells, whether the key
    /// may read. A refusal closes the new connection and leaves the session's current one as it was.
    /// </summary>
    private bool Check(PmConnection connection)
    {
        var events = new System.Collections.Concurrent.ConcurrentQueue<ClientEvent>();
        var endpoint = connection.Profile.KeyCheck;
        Endpoints.KeyCheck check;
        try
        {
            check = connection.Client.GetAsync(endpoint, Array.Empty<System.Collections.Generic.KeyValuePair<string, string>>(), "key check", events.Enqueue, Cancellation)
                .GetAwaiter().GetResult().Value;
        }
        catch (BinanceApiException e) when (e.HttpStatus == 404)
        {
            // The host has no such endpoint (a proxy or stand-in that serves only the interest
            // history): nothing is known against the key, so connect and let the first request tell.
            WriteWarning("The key was not checked: " + connection.BaseUri + " does not serve " + endpoint.Path + ". The first request will show whether the key works.");
            return true;
        }
        catch (BinanceApiException e)
        {
            connection.Dispose();
            ThrowTerminatingError(ErrorRecords.FromBinance(e, connection.BaseUri, connection.AccountType));
            return false;
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            connection.Dispose();
            return false;
        }
        finally
        {
            foreach (var e in events)
            {
                WriteVerbose(ClientEventText.Describe(e));
            }
        }

        if (!check.MayRead)
        {
            connection.Dispose();
            ThrowTerminatingError(ErrorRecords.KeyCannotRead(connection.BaseUri));
            return false;
        }

        connection.CheckedAt = DateTime.UtcNow;
        connection.CheckedWith = endpoint.ToString();
        connection.Permissions = check.Permissions;
        WriteVerbose(check.Permissions is { } permissions
            ? string.Format(
                System.Globalization.CultureInfo.InvariantCulture,
                "Checked the key with Binance: it may read{0}.",
                permissions.IpRestricted ? ", and it is restricted to listed IPs" : "; it is not restricted to listed IPs")
            : "Checked the key with Binance (" + endpoint + "): it reads this account.");
        return true;
    }

    private string ResolvePath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
}
