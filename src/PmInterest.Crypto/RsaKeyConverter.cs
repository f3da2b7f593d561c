using System;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using PmInterest.Binance.Signing;

namespace PmInterest.Crypto;

/// <summary>BouncyCastle's RSA private key as the platform's RSA signer.</summary>
internal static class RsaKeyConverter
{
    /// <summary>The signer of <paramref name="k"/>; the private parts' byte arrays made on the way are cleared once imported.</summary>
    public static IRequestSigner ToSigner(RsaPrivateCrtKeyParameters k)
    {
        var parameters = ToRsaParameters(k);
        try
        {
            return new RsaSha256Signer(parameters);
        }
        finally
        {
            Clear(parameters.D, parameters.P, parameters.Q, parameters.DP, parameters.DQ, parameters.InverseQ);
        }
    }

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

    private static void Clear(params byte[]?[] arrays)
    {
        foreach (var array in arrays)
        {
            if (array is not null)
            {
                Array.Clear(array, 0, array.Length);
            }
        }
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
        Array.Clear(value, 0, value.Length);
        return padded;
    }
}
