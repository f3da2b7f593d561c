using System;
using System.IO;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace PmInterest.Binance.Signing;

/// <summary>
/// Opens a PKCS#8 PEM private key (plain or encrypted) and returns the matching
/// signer, RSA or Ed25519, detected from the key itself. Every failure is a
/// <see cref="PrivateKeyException"/> whose message says what to change and never
/// contains key material or the passphrase.
/// </summary>
public static class PrivateKeyReader
{
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
        AsymmetricKeyParameter key;
        if (label == EncryptedLabel)
        {
            if (passphrase is null || passphrase.Length == 0)
            {
                throw new PrivateKeyException($"{source} is encrypted; give its passphrase with -PrivateKeyPassphrase (or BINANCE_PRIVATE_KEY_PASSPHRASE).");
            }

            try
            {
                key = PrivateKeyFactory.DecryptKey(passphrase, der);
            }
            catch (Exception e) when (e is InvalidCipherTextException or IOException or ArgumentException or InvalidOperationException or SecurityUtilityException or FormatException)
            {
                throw new PrivateKeyException($"The passphrase does not open {source}, or the file is not an encrypted PKCS#8 key.", e);
            }
        }
        else
        {
            try
            {
                key = PrivateKeyFactory.CreateKey(der);
            }
            catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or SecurityUtilityException or FormatException or InvalidCastException)
            {
                throw new PrivateKeyException($"{source} is not a valid PKCS#8 private key.", e);
            }
        }

        switch (key)
        {
            case RsaPrivateCrtKeyParameters rsa:
                return new RsaSha256Signer(ToRsaParameters(rsa));
            case Ed25519PrivateKeyParameters ed:
                return new Ed25519RequestSigner(ed);
            default:
                throw new PrivateKeyException($"{source} holds a key type Binance does not accept; use an RSA or Ed25519 key.");
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

    private static System.Security.Cryptography.RSAParameters ToRsaParameters(RsaPrivateCrtKeyParameters k)
    {
        var modulus = k.Modulus.ToByteArrayUnsigned();
        var half = (modulus.Length + 1) / 2;
        return new()
        {
            Modulus = modulus,
            Exponent = k.PublicExponent.ToByteArrayUnsigned(),
            D = Pad(k.Exponent.ToByteArrayUnsigned(), modulus.Length),
            P = Pad(k.P.ToByteArrayUnsigned(), half),
            Q = Pad(k.Q.ToByteArrayUnsigned(), half),
            DP = Pad(k.DP.ToByteArrayUnsigned(), half),
            DQ = Pad(k.DQ.ToByteArrayUnsigned(), half),
            InverseQ = Pad(k.QInv.ToByteArrayUnsigned(), half),
        };
    }

    // The platform RSA import wants D the modulus' length and the CRT parts half of it.
    private static byte[] Pad(byte[] value, int length)
    {
        if (value.Length >= length)
        {
            return value;
        }

        var padded = new byte[length];
        Buffer.BlockCopy(value, 0, padded, length - value.Length, value.Length);
        return padded;
    }
}
