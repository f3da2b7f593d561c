using System;
using System.Security.Cryptography;
using System.Text;

namespace PmInterest.Binance.Signing;

/// <summary>
/// HMAC-SHA256 over the payload, as lower-case hex (Binance's HMAC keys). The key is kept only
/// as its two pads (RFC 2104), in pinned arrays cleared by Dispose: .NET's HMACSHA256 would keep
/// copies of the key in managed arrays that the garbage collector moves, leaving stale copies.
/// </summary>
internal sealed class HmacSha256Signer : IRequestSigner
{
    private const int BlockSize = 64;

    private readonly PinnedSecret<byte> _innerPad = new(BlockSize);
    private readonly PinnedSecret<byte> _outerPad = new(BlockSize);
    private readonly SHA256 _inner = SHA256.Create();
    private readonly SHA256 _outer = SHA256.Create();
    private readonly object _gate = new();
    private bool _disposed;

    /// <param name="secret">The API secret as UTF-8 bytes; it is not kept, and the caller should clear it.</param>
    public HmacSha256Signer(byte[] secret)
    {
        if (secret is null || secret.Length == 0)
        {
            throw new ArgumentException("The API secret is empty.", nameof(secret));
        }

        // A key longer than a block is replaced by its hash (RFC 2104, section 2).
        var hashed = secret.Length > BlockSize ? _inner.ComputeHash(secret) : null;
        var key = hashed ?? secret;
        try
        {
            for (var i = 0; i < BlockSize; i++)
            {
                var k = i < key.Length ? key[i] : (byte)0;
                _innerPad.Array[i] = (byte)(k ^ 0x36);
                _outerPad.Array[i] = (byte)(k ^ 0x5c);
            }
        }
        finally
        {
            if (hashed is not null)
            {
                Array.Clear(hashed, 0, hashed.Length);
            }
        }
    }

    public KeyType KeyType => KeyType.Hmac;

    public string Sign(string payload)
    {
        var data = Encoding.UTF8.GetBytes(payload);
        byte[] mac;

        // The two hash objects are reused under a lock (hash objects are not thread-safe).
        lock (_gate)
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(HmacSha256Signer));
            }

            _inner.TransformBlock(_innerPad.Array, 0, BlockSize, null, 0);
            _inner.TransformFinalBlock(data, 0, data.Length);
            var innerHash = _inner.Hash;
            _outer.TransformBlock(_outerPad.Array, 0, BlockSize, null, 0);
            _outer.TransformFinalBlock(innerHash, 0, innerHash.Length);
            mac = _outer.Hash;
        }

        return ToLowerHex(mac);
    }

    /// <summary>Clears the key's pads; signing afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _innerPad.Dispose();
            _outerPad.Dispose();
            _inner.Dispose();
            _outer.Dispose();
        }
    }

    public override string ToString() => "HMAC-SHA256 signer";

    private static string ToLowerHex(byte[] bytes)
    {
        const string Hex = "0123456789abcdef";
        var chars = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = Hex[bytes[i] >> 4];
            chars[(2 * i) + 1] = Hex[bytes[i] & 0xF];
        }

        return new string(chars);
    }
}
