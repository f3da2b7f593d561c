using System;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using PmInterest.Binance.Signing;

namespace PmInterest.Crypto;

/// <summary>Ed25519 over the payload, base64 (Binance's recommended key type).</summary>
internal sealed class Ed25519RequestSigner : IRequestSigner
{
    private readonly Ed25519PrivateKeyParameters _key;

    internal Ed25519RequestSigner(Ed25519PrivateKeyParameters key) => _key = key;

    public KeyType KeyType => KeyType.Ed25519;

    public string Sign(string payload)
    {
        var data = Encoding.UTF8.GetBytes(payload);
        var signature = new byte[Ed25519PrivateKeyParameters.SignatureSize];

        // Pure Ed25519 signing is stateless, so no lock is needed.
        _key.Sign(Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Algorithm.Ed25519, null, data, 0, data.Length, signature, 0);
        return Convert.ToBase64String(signature);
    }

    public void Dispose()
    {
        // BouncyCastle keeps the key in managed memory; nothing to release.
    }

    public override string ToString() => "Ed25519 signer";
}
