using System;
using System.Text;
using PmInterest.Binance.Signing;
using Rfc8032 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;

namespace PmInterest.Crypto;

/// <summary>
/// Ed25519 over the payload, base64 (Binance's recommended key type). The 32-byte private key
/// is held here, pinned, and cleared by Dispose, rather than in BouncyCastle's key object,
/// which cannot be cleared.
/// </summary>
internal sealed class Ed25519RequestSigner : IRequestSigner
{
    private readonly PinnedSecret<byte> _privateKey;
    private readonly byte[] _publicKey = new byte[Rfc8032.PublicKeySize];
    private readonly object _gate = new();
    private bool _disposed;

    /// <param name="privateKey">The RFC 8032 private key (seed); copied, and the caller should clear it.</param>
    internal Ed25519RequestSigner(byte[] privateKey)
    {
        if (privateKey is null || privateKey.Length != Rfc8032.SecretKeySize)
        {
            throw new PrivateKeyException("An Ed25519 private key has " + Rfc8032.SecretKeySize + " bytes.");
        }

        _privateKey = PinnedSecret.Copy(privateKey, 0, privateKey.Length);
        Rfc8032.GeneratePublicKey(_privateKey.Array, 0, _publicKey, 0);
    }

    public KeyType KeyType => KeyType.Ed25519;

    public string Sign(string payload)
    {
        var data = Encoding.UTF8.GetBytes(payload);
        var signature = new byte[Rfc8032.SignatureSize];

        // Signing is stateless; the lock only keeps Dispose from clearing the key mid-signature.
        lock (_gate)
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(Ed25519RequestSigner));
            }

            Rfc8032.Sign(_privateKey.Array, 0, _publicKey, 0, data, 0, data.Length, signature, 0);
        }

        return Convert.ToBase64String(signature);
    }

    /// <summary>Clears the private key; signing afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _privateKey.Dispose();
        }
    }

    public override string ToString() => "Ed25519 signer";
}
