using System;
using System.IO;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.EdEC;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using PmInterest.Binance.Signing;

namespace PmInterest.Crypto;

/// <summary>
/// Turns a PKCS#8 private key (DER, plain or encrypted) into the matching signer, RSA or
/// Ed25519, detected from the key itself. PmInterest's <see cref="PrivateKeyReader"/> creates
/// it by name through the module's dependency loader. Every failure is a
/// <see cref="PrivateKeyException"/> whose message says what to change and never contains key
/// material or the passphrase.
/// </summary>
internal sealed class Pkcs8KeyDecoder : IPrivateKeyDecoder
{
    public IRequestSigner FromPkcs8(byte[] der, string source)
    {
        PrivateKeyInfo info;
        try
        {
            info = PrivateKeyInfo.GetInstance(Asn1Object.FromByteArray(der));
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or SecurityUtilityException or FormatException or InvalidCastException)
        {
            throw new PrivateKeyException($"{source} is not a valid PKCS#8 private key.", e);
        }

        return ToSigner(info, source);
    }

    public IRequestSigner FromEncryptedPkcs8(byte[] der, char[] passphrase, string source)
    {
        PrivateKeyInfo info;
        try
        {
            info = PrivateKeyInfoFactory.CreatePrivateKeyInfo(passphrase, EncryptedPrivateKeyInfo.GetInstance(Asn1Object.FromByteArray(der)));
        }
        catch (Exception e) when (e is InvalidCipherTextException or IOException or ArgumentException or InvalidOperationException or SecurityUtilityException or FormatException or InvalidCastException)
        {
            throw new PrivateKeyException($"The passphrase does not open {source}, or the file is not an encrypted PKCS#8 key.", e);
        }

        return ToSigner(info, source);
    }

    private static IRequestSigner ToSigner(PrivateKeyInfo info, string source)
    {
        try
        {
            if (info.PrivateKeyAlgorithm.Algorithm.Equals(EdECObjectIdentifiers.id_Ed25519))
            {
                // Read straight from the PKCS#8 structure, whose arrays are then cleared: a
                // BouncyCastle key object would keep the key where it cannot be cleared.
                var seed = Asn1OctetString.GetInstance(info.ParsePrivateKey()).GetOctets();
                try
                {
                    return new Ed25519RequestSigner(seed);
                }
                finally
                {
                    Array.Clear(seed, 0, seed.Length);
                }
            }

            return PrivateKeyFactory.CreateKey(info) switch
            {
                // The platform's RSA signs (native and fast); BouncyCastle only reads the key.
                RsaPrivateCrtKeyParameters rsa => RsaKeyConverter.ToSigner(rsa),
                _ => throw new PrivateKeyException($"{source} holds a key type Binance does not accept; use an RSA or Ed25519 key."),
            };
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or SecurityUtilityException or FormatException or InvalidCastException)
        {
            throw new PrivateKeyException($"{source} is not a valid PKCS#8 private key.", e);
        }
        finally
        {
            var data = info.PrivateKey.GetOctets();
            Array.Clear(data, 0, data.Length);
        }
    }
}
