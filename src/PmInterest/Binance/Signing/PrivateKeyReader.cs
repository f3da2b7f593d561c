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
/// <see cref="DependencyLoadException"/>. The key text and its decoded bytes are cleared once the
/// signer is made.
/// </summary>
internal static class PrivateKeyReader
{
    internal const string DecoderAssembly = "PmInterest.Crypto";
    internal const string DecoderType = "PmInterest.Crypto.Pkcs8KeyDecoder";

    private const string PlainLabel = "PRIVATE KEY";
    private const string EncryptedLabel = "ENCRYPTED PRIVATE KEY";

    // Far above any PEM private key (an RSA 16384-bit key is about 13 KB).
    private const int MaxKeyFileBytes = 1 << 20;

    public static IRequestSigner FromFile(string path, char[]? passphrase)
    {
        using var text = ReadText(path);
        return FromPem(text.Array, passphrase, path);
    }

    public static IRequestSigner FromPem(string pem, char[]? passphrase, string source = "the private key")
    {
        if (pem is null)
        {
            throw new ArgumentNullException(nameof(pem));
        }

        using var text = PinnedSecret.Of(pem);
        return FromPem(text.Array, passphrase, source);
    }

    /// <summary>The key file's text, read without a stream buffer or string of its own, so that every copy of it here is cleared.</summary>
    private static PinnedSecret<char> ReadText(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            if (file.Length > MaxKeyFileBytes)
            {
                throw new PrivateKeyException($"The private key file '{path}' is larger than {MaxKeyFileBytes} bytes; a PEM private key is a few kilobytes.");
            }

            using var bytes = new PinnedSecret<byte>((int)file.Length);
            var read = 0;
            while (read < bytes.Length)
            {
                var n = file.Read(bytes.Array, read, bytes.Length - read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            var (encoding, skip) = EncodingOf(bytes.Array, read);
            var chars = new PinnedSecret<char>(encoding.GetCharCount(bytes.Array, skip, read - skip));
            encoding.GetChars(bytes.Array, skip, read - skip, chars.Array, 0);
            return chars;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new PrivateKeyException($"The private key file '{path}' cannot be read: {e.Message}", e);
        }
    }

    /// <summary>UTF-8 unless a byte order mark says UTF-16, as File.ReadAllText reads it; and the mark's length.</summary>
    private static (Encoding Encoding, int Skip) EncodingOf(byte[] bytes, int length) =>
        length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? (Encoding.UTF8, 3)
        : length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE ? (Encoding.Unicode, 2)
        : length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF ? (Encoding.BigEndianUnicode, 2)
        : (Encoding.UTF8, 0);

    private static IRequestSigner FromPem(char[] pem, char[]? passphrase, string source)
    {
        var (label, der) = ReadPem(pem, source);
        try
        {
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
        finally
        {
            Array.Clear(der, 0, der.Length);
        }
    }

    private static (string Label, byte[] Der) ReadPem(char[] pem, string source)
    {
        var begin = IndexOf(pem, "-----BEGIN ", 0);
        if (begin < 0)
        {
            throw new PrivateKeyException($"{source} is not a PEM file; expected '-----BEGIN PRIVATE KEY-----' (PKCS#8).");
        }

        var labelStart = begin + "-----BEGIN ".Length;
        var labelEnd = IndexOf(pem, "-----", labelStart);
        if (labelEnd < 0)
        {
            throw new PrivateKeyException($"{source} has a broken PEM header.");
        }

        // The label is no secret: a string of it is fine.
        var label = new string(pem, labelStart, labelEnd - labelStart).Trim();
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
        var end = IndexOf(pem, footer, bodyStart);
        if (end < 0)
        {
            throw new PrivateKeyException($"{source} has no '{footer}' line.");
        }

        using var body = new PinnedSecret<char>(end - bodyStart);
        var count = 0;
        for (var i = bodyStart; i < end; i++)
        {
            if (!char.IsWhiteSpace(pem[i]))
            {
                body.Array[count++] = pem[i];
            }
        }

        try
        {
            return (label, Convert.FromBase64CharArray(body.Array, 0, count));
        }
        catch (FormatException e)
        {
            throw new PrivateKeyException($"{source} has a PEM body that is not valid base64.", e);
        }
    }

    private static int IndexOf(char[] text, string value, int from)
    {
        for (var i = from; i <= text.Length - value.Length; i++)
        {
            var j = 0;
            while (j < value.Length && text[i + j] == value[j])
            {
                j++;
            }

            if (j == value.Length)
            {
                return i;
            }
        }

        return -1;
    }
}
