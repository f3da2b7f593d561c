using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace PmInterest.Emulator.Tests;

/// <summary>The three schemes a Binance API key can sign with.</summary>
public enum Scheme
{
    Hmac,
    Rsa,
    Ed25519,
}

/// <summary>
/// A deliberately small client-side signer, written from Binance's documentation and not
/// shared with the module, so the emulator is checked against an independent reading.
/// </summary>
internal static class TestSigner
{
    internal static string ApiKey(EmulatorKeys keys, Scheme scheme) => scheme switch
    {
        Scheme.Hmac => keys.HmacApiKey,
        Scheme.Rsa => keys.RsaApiKey,
        _ => keys.Ed25519ApiKey,
    };

    /// <summary>The signature as it goes on the wire: hex for HMAC, percent-encoded base64 otherwise.</summary>
    internal static string Sign(EmulatorKeys keys, Scheme scheme, string payload)
    {
        byte[] data = Encoding.UTF8.GetBytes(payload);
        switch (scheme)
        {
            case Scheme.Hmac:
                return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(keys.HmacSecret), data));
            case Scheme.Rsa:
                using (var rsa = RSA.Create())
                {
                    rsa.ImportFromPem(keys.RsaPrivateKeyPem);
                    return Uri.EscapeDataString(Convert.ToBase64String(rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
                }

            default:
                var key = (Ed25519PrivateKeyParameters)PrivateKeyFactory.CreateKey(
                    Convert.FromBase64String(PemBody(keys.Ed25519PrivateKeyPem)));
                var signer = new Ed25519Signer();
                signer.Init(true, key);
                signer.BlockUpdate(data, 0, data.Length);
                return Uri.EscapeDataString(Convert.ToBase64String(signer.GenerateSignature()));
        }
    }

    /// <summary>Percent-encodes each value (RFC 3986, upper-case hex, as Binance's samples) and joins them.</summary>
    internal static string Query(params (string Name, string Value)[] parameters) =>
        string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));

    private static string PemBody(string pem) =>
        string.Concat(pem.Split('\n').Where(line => !line.StartsWith("-----", StringComparison.Ordinal)).Select(l => l.Trim()));
}
