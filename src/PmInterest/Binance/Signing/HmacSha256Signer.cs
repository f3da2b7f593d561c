using System;
using System.Security.Cryptography;
using System.Text;

namespace PmInterest.Binance.Signing;

/// <summary>HMAC-SHA256 over the payload, as lower-case hex (Binance's HMAC keys).</summary>
internal sealed class HmacSha256Signer : IRequestSigner
{
    private readonly HMACSHA256 _hmac;
    private readonly object _gate = new();

    /// <param name="secret">The API secret as UTF-8 bytes; the array is copied and may be cleared by the caller.</param>
    public HmacSha256Signer(byte[] secret)
    {
        if (secret is null || secret.Length == 0)
        {
            throw new ArgumentException("The API secret is empty.", nameof(secret));
        }

        _hmac = new HMACSHA256(secret);
    }

    public KeyType KeyType => KeyType.Hmac;

    public string Sign(string payload)
    {
        var data = Encoding.UTF8.GetBytes(payload);
        byte[] mac;

        // One HMAC instance is reused under a lock: it keeps the secret in a single
        // place and avoids re-deriving the key pads on every request.
        lock (_gate)
        {
            mac = _hmac.ComputeHash(data);
        }

        return ToLowerHex(mac);
    }

    public void Dispose() => _hmac.Dispose();

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
