using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Signers;

namespace PmInterest.Emulator;

/// <summary>The signing scheme an API key is registered with.</summary>
internal enum KeyKind
{
    Hmac = 0,
    Rsa = 1,
    Ed25519 = 2,
}

/// <summary>
/// Verifies request signatures the way Binance documents them, independently of any client
/// code: the payload is the raw query text before <c>&amp;signature=</c>, as UTF-8 bytes.
/// Thread-safe: nothing mutable is shared between verifications.
/// </summary>
internal sealed class SignatureVerifier
{
    private readonly EmulatorKeys keys;
    private readonly byte[] hmacSecret;
    private readonly Dictionary<string, KeyKind> kinds;

    internal SignatureVerifier(EmulatorKeys keys)
    {
        this.keys = keys;
        hmacSecret = Encoding.UTF8.GetBytes(keys.HmacSecret);
        kinds = new Dictionary<string, KeyKind>(StringComparer.Ordinal)
        {
            [keys.HmacApiKey] = KeyKind.Hmac,
            [keys.RsaApiKey] = KeyKind.Rsa,
            [keys.Ed25519ApiKey] = KeyKind.Ed25519,
        };
    }

    internal bool TryGetKind(string apiKey, out KeyKind kind) => kinds.TryGetValue(apiKey, out kind);

    /// <param name="kind">The scheme of the request's API key.</param>
    /// <param name="payload">Raw query text that was signed.</param>
    /// <param name="signature">The decoded <c>signature</c> parameter (hex for HMAC, base64 otherwise).</param>
    internal bool Verify(KeyKind kind, string payload, string signature)
    {
        byte[] data = Encoding.UTF8.GetBytes(payload);
        return kind switch
        {
            KeyKind.Hmac => VerifyHmac(hmacSecret, data, signature),
            KeyKind.Rsa => VerifyRsa(keys.RsaPublicKeyInfo, data, signature),
            KeyKind.Ed25519 => VerifyEd25519(keys, data, signature),
            _ => false,
        };
    }

    /// <summary>Lower-case hex HMAC-SHA256, Binance's HMAC signature.</summary>
    internal static string ComputeHmacHex(string secret, string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));

    /// <summary>Compares the hex case-insensitively and in constant time, as a server must.</summary>
    internal static bool VerifyHmac(byte[] secret, byte[] payload, string signatureHex)
    {
        if (signatureHex.Length != 64 || !signatureHex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        byte[] expected = HMACSHA256.HashData(secret, payload);
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(signatureHex));
    }

    private static bool VerifyRsa(ReadOnlySpan<byte> publicKeyInfo, byte[] payload, string signatureBase64)
    {
        if (!TryFromBase64(signatureBase64, out byte[] signature))
        {
            return false;
        }

        // A fresh RSA object per call: RSA instances are not documented thread-safe.
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(publicKeyInfo, out _);
        return rsa.VerifyData(payload, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private static bool VerifyEd25519(EmulatorKeys keys, byte[] payload, string signatureBase64)
    {
        if (!TryFromBase64(signatureBase64, out byte[] signature) || signature.Length != 64)
        {
            return false;
        }

        var verifier = new Ed25519Signer();
        verifier.Init(false, keys.Ed25519PublicKey);
        verifier.BlockUpdate(payload, 0, payload.Length);
        return verifier.VerifySignature(signature);
    }

    private static bool TryFromBase64(string text, out byte[] bytes)
    {
        var buffer = new byte[((text.Length + 3) / 4) * 3];
        if (Convert.TryFromBase64String(text, buffer, out int written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
