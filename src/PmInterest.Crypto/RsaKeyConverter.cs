using System;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;

namespace PmInterest.Crypto;

/// <summary>BouncyCastle's RSA private key as the platform's <see cref="RSAParameters"/>.</summary>
internal static class RsaKeyConverter
{
    public static RSAParameters ToRsaParameters(RsaPrivateCrtKeyParameters k)
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
