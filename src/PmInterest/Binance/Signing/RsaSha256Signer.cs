using System;
using System.Security.Cryptography;
using System.Text;

namespace PmInterest.Binance.Signing;

/// <summary>RSASSA-PKCS1-v1_5 with SHA-256 over the payload, base64 (Binance's RSA keys).</summary>
internal sealed class RsaSha256Signer : IRequestSigner
{
    private readonly RSA _rsa;
    private readonly object _gate = new();
    private bool _disposed;

    /// <param name="parameters">The key; its arrays are copied into the platform's key, and the caller should clear them.</param>
    internal RsaSha256Signer(RSAParameters parameters)
    {
        // The platform's RSA is used for signing (native and fast); only the PKCS#8
        // decoding, which netstandard2.0 lacks, goes through BouncyCastle (PmInterest.Crypto).
        _rsa = RSA.Create();
        _rsa.ImportParameters(parameters);
    }

    public KeyType KeyType => KeyType.Rsa;

    public string Sign(string payload)
    {
        var data = Encoding.UTF8.GetBytes(payload);
        byte[] signature;

        // Not every platform documents RSA instances as thread-safe.
        lock (_gate)
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(RsaSha256Signer));
            }

            signature = _rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        return Convert.ToBase64String(signature);
    }

    /// <summary>Releases the platform's key (which clears it); signing afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _rsa.Dispose();
        }
    }

    public override string ToString() => "RSA-SHA256 signer";
}
