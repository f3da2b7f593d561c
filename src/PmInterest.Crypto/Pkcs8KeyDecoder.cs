using System;
using System.IO;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
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
        AsymmetricKeyParameter key;
        try
        {
            key = PrivateKeyFactory.CreateKey(der);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or SecurityUtilityException or FormatException or InvalidCastException)
        {
            throw new PrivateKeyException($"{source} is not a valid PKCS#8 private key.", e);
        }

        return ToSigner(key, source);
    }

    public IRequestSigner FromEncryptedPkcs8(byte[] der, char[] passphrase, string source)
    {
        AsymmetricKeyParameter key;
        try
        {
            key = PrivateKeyFactory.DecryptKey(passphrase, der);
        }
        catch (Exception e) when (e is InvalidCipherTextException or IOException or ArgumentException or InvalidOperationException or SecurityUtilityException or FormatException)
        {
            throw new PrivateKeyException($"The passphrase does not open {source}, or the file is not an encrypted PKCS#8 key.", e);
        }

        return ToSigner(key, source);
    }

    private static IRequestSigner ToSigner(AsymmetricKeyParameter key, string source) => key switch
    {
        // The platform's RSA signs (native and fast); BouncyCastle only reads the key.
        RsaPrivateCrtKeyParameters rsa => new RsaSha256Signer(RsaKeyConverter.ToRsaParameters(rsa)),
        Ed25519PrivateKeyParameters ed => new Ed25519RequestSigner(ed),
        _ => throw new PrivateKeyException($"{source} holds a key type Binance does not accept; use an RSA or Ed25519 key."),
    };
}
