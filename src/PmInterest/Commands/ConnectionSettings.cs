using System;
using System.IO;
using System.Management.Automation;
using System.Security;
using PmInterest.Binance;
using PmInterest.Binance.Signing;
using PmInterest.Dependencies;
using PmInterest.Endpoints;

namespace PmInterest.Commands;

/// <summary>
/// What a connection is made of, gathered from parameters first and environment variables
/// for whatever the parameters leave out, then checked and turned into a
/// <see cref="PmConnection"/>. Every refusal is a <see cref="PmInputException"/> that names
/// what to change, made before any request is sent.
/// </summary>
internal sealed class ConnectionSettings
{
    public const string ApiKeyVariable = "BINANCE_API_KEY";
    public const string ApiSecretVariable = "BINANCE_API_SECRET";
    public const string PrivateKeyPathVariable = "BINANCE_PRIVATE_KEY_PATH";
    public const string PassphraseVariable = "BINANCE_PRIVATE_KEY_PASSPHRASE";
    public const string BaseUriVariable = "PMINTEREST_BASE_URI";
    public const string AccountTypeVariable = "PMINTEREST_ACCOUNT_TYPE";

    private const string NoCredentialsAction =
        "Run Connect-PmAccount with -ApiKey and -ApiSecret, -ApiKey and -PrivateKeyPath, or -Credential; pass -Connection; or set BINANCE_API_KEY with BINANCE_API_SECRET or BINANCE_PRIVATE_KEY_PATH.";

    public string? ApiKey { get; set; }

    public SecureString? ApiSecret { get; set; }

    /// <summary>A full file-system path (resolved against the PowerShell location by the caller).</summary>
    public string? PrivateKeyPath { get; set; }

    public SecureString? PrivateKeyPassphrase { get; set; }

    public Uri? BaseUri { get; set; }

    /// <summary>The account type given, or null to take PMINTEREST_ACCOUNT_TYPE, else Portfolio Margin Pro.</summary>
    public AccountType? AccountType { get; set; }

    public int RecvWindow { get; set; } = BinanceClientOptions.DefaultRecvWindow;

    /// <summary>-WeightLimit, or null for the account type's documented limit.</summary>
    public int? WeightLimit { get; set; }

    public int TimeoutSec { get; set; } = BinanceClientOptions.DefaultTimeoutSec;

    /// <summary>Makes the HMAC signer from the secret's UTF-8 bytes, which are cleared once it returns (tests watch the array).</summary>
    internal Func<byte[], IRequestSigner> HmacSigner { get; set; } = secret => new HmacSha256Signer(secret);

    /// <summary>Where the credentials were given, for the connection's Source property.</summary>
    public string Source { get; set; } = "Parameters";

    /// <summary>Builds the connection, taking from the environment what was not given.</summary>
    public PmConnection Connect(Func<string, string> resolvePath)
    {
        var profile = AccountProfile.Of(ResolveAccountType());
        var baseUri = ResolveBaseUri(profile);
        if (WeightLimit is int limit && limit < profile.HeaviestWeight)
        {
            throw new PmInputException(ErrorIds.InvalidWeightLimit,
                string.Format(System.Globalization.CultureInfo.InvariantCulture, "-WeightLimit {0} is less than {1}, the weight of one {2} request, so no request could ever be sent.", limit, profile.HeaviestWeight, profile.Type),
                string.Format(System.Globalization.CultureInfo.InvariantCulture, "Give -WeightLimit {0} or more, or leave it out for Binance's documented limit ({1} a minute in the {2} pool).", profile.HeaviestWeight, profile.Pool.DefaultLimit, profile.Pool.Name));
        }

        var apiKey = ApiKey ?? Environment(ApiKeyVariable);
        using var key = ReadKeyMaterial(resolvePath);
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new PmInputException(ErrorIds.NoCredentials,
                "No Binance API key was given: use -ApiKey (or -Credential), or set BINANCE_API_KEY.",
                NoCredentialsAction);
        }

        var signer = CreateSigner(key);
        var options = new BinanceClientOptions
        {
            BaseUri = baseUri,
            RecvWindow = RecvWindow,
            WeightLimit = WeightLimit,
            RequestTimeout = TimeSpan.FromSeconds(TimeoutSec),
            ServerTime = profile.ServerTime,
        };
        var source = key.FromEnvironment ? "Environment" : Source;
        return new PmConnection(apiKey!.Trim(), new BinanceClient(apiKey.Trim(), signer, options), source, profile);
    }

    /// <summary>The secret or the private key (with its passphrase), from the parameters or else the environment.</summary>
    private KeyMaterial ReadKeyMaterial(Func<string, string> resolvePath)
    {
        if (ApiSecret is not null)
        {
            return new KeyMaterial(SecureStrings.ToChars(ApiSecret), null, null, fromEnvironment: false);
        }

        if (PrivateKeyPath is not null)
        {
            var passphrase = PrivateKeyPassphrase is not null ? SecureStrings.ToChars(PrivateKeyPassphrase) : EnvironmentChars(PassphraseVariable);
            return new KeyMaterial(null, PrivateKeyPath, passphrase, fromEnvironment: false);
        }

        var envPath = Environment(PrivateKeyPathVariable);
        if (envPath is not null)
        {
            return new KeyMaterial(null, resolvePath(envPath), EnvironmentChars(PassphraseVariable), fromEnvironment: true);
        }

        var envSecret = Environment(ApiSecretVariable);
        if (envSecret is not null)
        {
            // The variable's own string is the environment's; the copy made here is ours, and cleared.
            return new KeyMaterial(PinnedSecret.Of(envSecret), null, null, fromEnvironment: true);
        }

        throw new PmInputException(ErrorIds.NoCredentials,
            "No Binance credentials were given: no -Connection, no connection in this session (Connect-PmAccount), and neither BINANCE_API_SECRET nor BINANCE_PRIVATE_KEY_PATH is set.",
            NoCredentialsAction);
    }

    private IRequestSigner CreateSigner(KeyMaterial key)
    {
        if (key.Secret is null)
        {
            return OpenPrivateKey(key.PrivateKeyPath!, key.Passphrase?.Array);
        }

        // A secret read from a file or a variable often ends with a line end
        // (BINANCE_API_SECRET=$(cat secret.txt)); Binance's secrets hold no white space.
        var secret = key.Secret.Array;
        var start = 0;
        var end = secret.Length;
        while (start < end && char.IsWhiteSpace(secret[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(secret[end - 1]))
        {
            end--;
        }

        if (end == start)
        {
            throw new PmInputException(ErrorIds.EmptyApiSecret,
                "The API secret is empty (or white space only).", "Give the secret Binance showed when the API key was created.");
        }

        // The signer keeps only what it derives from the bytes; they are cleared when it returns.
        using var utf8 = PinnedSecret.Utf8(secret, start, end - start);
        return HmacSigner(utf8.Array);
    }

    private static IRequestSigner OpenPrivateKey(string path, char[]? passphrase)
    {
        if (!File.Exists(path))
        {
            throw new PmInputException(ErrorIds.PrivateKeyNotFound,
                "The private key file '" + path + "' does not exist.",
                "Give the path of the PKCS#8 PEM file that holds the RSA or Ed25519 private key registered with the API key.");
        }

        try
        {
            return PrivateKeyReader.FromFile(path, passphrase);
        }
        catch (PrivateKeyException e)
        {
            throw new PmInputException(ErrorIds.PrivateKeyInvalid, e.Message,
                "Give an unencrypted or passphrase-protected PKCS#8 PEM ('-----BEGIN PRIVATE KEY-----' or '-----BEGIN ENCRYPTED PRIVATE KEY-----') holding an RSA or Ed25519 key.", e);
        }
        catch (DependencyLoadException e)
        {
            // RSA and Ed25519 keys need the module's dependencies/ folder (PmInterest.Crypto, BouncyCastle).
            throw new PmInputException(ErrorIds.ModuleIncomplete, e.Message,
                "Reinstall PmInterest (Install-PSResource PmInterest -Reinstall, or the whole PmInterest folder from the release zip) so that its dependencies folder is complete.", e);
        }
    }

    /// <summary>-AccountType, else PMINTEREST_ACCOUNT_TYPE (a name, any case), else Portfolio Margin Pro.</summary>
    private AccountType ResolveAccountType()
    {
        if (AccountType is AccountType given)
        {
            return given;
        }

        var text = Environment(AccountTypeVariable)?.Trim();
        if (text is null)
        {
            return PmInterest.AccountType.PortfolioMarginPro;
        }

        foreach (AccountType type in Enum.GetValues(typeof(AccountType)))
        {
            if (string.Equals(type.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        throw new PmInputException(ErrorIds.InvalidAccountType,
            AccountTypeVariable + " '" + text + "' is not an account type.",
            "Set " + AccountTypeVariable + " to PortfolioMarginPro or PortfolioMargin, or give -AccountType.");
    }

    private Uri ResolveBaseUri(AccountProfile profile)
    {
        var uri = BaseUri;
        var origin = "-BaseUri";
        if (uri is null)
        {
            var text = Environment(BaseUriVariable);
            if (text is null)
            {
                return profile.DefaultBaseUri;
            }

            origin = BaseUriVariable;
            if (!Uri.TryCreate(text, UriKind.Absolute, out uri))
            {
                throw InvalidBaseUri(origin, text);
            }
        }

        if (!BinanceClientOptions.IsUsableBaseUri(uri))
        {
            throw InvalidBaseUri(origin, uri.OriginalString);
        }

        return uri;
    }

    private static PmInputException InvalidBaseUri(string origin, string value) =>
        new(ErrorIds.InvalidBaseUri,
            origin + " '" + Shown(value) + "' is not an absolute http or https address without a user name, password, query or fragment.",
            "Give the API's root address, such as https://api.binance.com; credentials go to -ApiKey and -ApiSecret, never into the address.");

    /// <summary>The address as it may be shown: a user name and password in it are masked, never echoed.</summary>
    private static string Shown(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo)
            ? uri.Scheme + "://***@" + uri.Authority + uri.AbsolutePath
            : value;

    private static PinnedSecret<char>? EnvironmentChars(string name) =>
        Environment(name) is { } value ? PinnedSecret.Of(value) : null;

    private static string? Environment(string name)
    {
        var value = System.Environment.GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Secret characters held only while the signer is made, then cleared.</summary>
    private sealed class KeyMaterial : IDisposable
    {
        public KeyMaterial(PinnedSecret<char>? secret, string? privateKeyPath, PinnedSecret<char>? passphrase, bool fromEnvironment)
        {
            Secret = secret;
            PrivateKeyPath = privateKeyPath;
            Passphrase = passphrase;
            FromEnvironment = fromEnvironment;
        }

        public PinnedSecret<char>? Secret { get; }

        public string? PrivateKeyPath { get; }

        public PinnedSecret<char>? Passphrase { get; }

        public bool FromEnvironment { get; }

        public void Dispose()
        {
            Secret?.Dispose();
            Passphrase?.Dispose();
        }
    }
}
