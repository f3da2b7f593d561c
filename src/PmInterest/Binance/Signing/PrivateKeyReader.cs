using System;
using System.IO;
using System.Text;
using PmInterest.Dependencies;

namespace PmInterest.Binance.Signing;

/// <summary>
/// Opens a PKCS#8 PEM private key (plain or encrypted) and returns the matching signer, RSA
/// or Ed25519, detected from the key itself. The PEM framing is read here; the key itself is
/// decoded by PmInterest.Crypto (BouncyCastle), which is loaded on the first such key only,
/// through <see cref="DependencyLoader"/>. Every failure with the key is a
/// <see cref="PrivateKeyException"/> whose message says what to change and never contains key
/// material or the passphrase; a module installed without its dependencies gives a
/// <see cref="DependencyLoadException"/>.
/// </summary>
internal static class PrivateKeyReader
{
    internal const string DecoderAssembly = "PmInterest.Crypto";
    internal const string DecoderType = "PmInterest.Crypto.Pkcs8KeyDecoder";

    private const string PlainLabel = "PRIVATE KEY";
    private const string EncryptedLabel = "ENCRYPTED PRIVATE KEY";

    public static IRequestSigner FromFile(string path, char[]? passphrase)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new PrivateKeyException($"The private key file '{path}' cannot be read: {e.Message}", e);
        }

        return FromPem(text, passphrase, path);
    }

    public static IRequestSigner FromPem(string pem, char[]? passphrase, string source = "the private key")
    {
        var (label, der) = ReadPem(pem, source);
        if (label == EncryptedLabel && (passphrase is null || passphrase.Length == 0))
        {
            throw new PrivateKeyException($"{source} is encrypted; give its passphrase with -PrivateKeyPassphrase (or BINANCE_PRIVATE_KEY_PASSPHRASE).");
        }

        var decoder = DependencyLoader.CreateInstance<IPrivateKeyDecoder>(DecoderAssembly, DecoderType);
        try
        {
            return label == EncryptedLabel
                ? decoder.FromEncryptedPkcs8(der, passphrase!, source)
                : decoder.FromPkcs8(der, source);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            // BouncyCastle is bound when the decoder first runs: a missing or damaged copy shows here.
            throw DependencyLoadException.Damaged(DecoderAssembly, e);
        }
    }

    private static (string Label, byte[] Der) ReadPem(string pem, string source)
    {
        var begin = pem.IndexOf("-----BEGIN ", StringComparison.Ordinal);
        if (begin < 0)
        {
            throw new PrivateKeyException($"{source} is not a PEM file; expected '-----BEGIN PRIVATE KEY-----' (PKCS#8).");
        }

        var labelStart = begin + "-----BEGIN ".Length;
        var labelEnd = pem.IndexOf("-----", labelStart, StringComparison.Ordinal);
        if (labelEnd < 0)
        {
            throw new PrivateKeyException($"{source} has a broken PEM header.");
        }

        var label = pem.Substring(labelStart, labelEnd - labelStart).Trim();
        if (label != PlainLabel && label != EncryptedLabel)
        {
            var hint = label switch
            {
                "RSA PRIVATE KEY" => " It is a PKCS#1 RSA key; convert it with 'openssl pkcs8 -topk8 -in key.pem -out key-pkcs8.pem'.",
                "OPENSSH PRIVATE KEY" => " It is an OpenSSH key; Binance needs PKCS#8 PEM ('openssl genpkey -algorithm ed25519').",
                "PUBLIC KEY" => " It is a public key; give the private key file.",
                _ => string.Empty,
            };
            throw new PrivateKeyException($"{source} is a '{label}' PEM, not PKCS#8 ('PRIVATE KEY' or 'ENCRYPTED PRIVATE KEY').{hint}");
        }

        var footer = "-----END " + label + "-----";
        var bodyStart = labelEnd + 5;
        var end = pem.IndexOf(footer, bodyStart, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new PrivateKeyException($"{source} has no '{footer}' line.");
        }

        var body = new StringBuilder(end - bodyStart);
        foreach (var c in pem.Substring(bodyStart, end - bodyStart))
        {
            if (!char.IsWhiteSpace(c))
            {
                body.Append(c);
            }
        }

        try
        {
            return (label, Convert.FromBase64String(body.ToString()));
        }
        catch (FormatException e)
        {
            throw new PrivateKeyException($"{source} has a PEM body that is not valid base64.", e);
        }
    }
}
