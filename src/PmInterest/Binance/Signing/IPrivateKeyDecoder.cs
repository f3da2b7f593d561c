namespace PmInterest.Binance.Signing;

/// <summary>
/// The part of key reading that needs BouncyCastle: PKCS#8 DER to a signer. Implemented in
/// PmInterest.Crypto, which <see cref="PrivateKeyReader"/> loads only for the first RSA or
/// Ed25519 key, so that PmInterest.dll itself references no dependency that could clash.
/// Failures are <see cref="PrivateKeyException"/>s that show no key material.
/// </summary>
internal interface IPrivateKeyDecoder
{
    /// <summary>A PKCS#8 PrivateKeyInfo ('PRIVATE KEY').</summary>
    IRequestSigner FromPkcs8(byte[] der, string source);

    /// <summary>A PKCS#8 EncryptedPrivateKeyInfo ('ENCRYPTED PRIVATE KEY').</summary>
    IRequestSigner FromEncryptedPkcs8(byte[] der, char[] passphrase, string source);
}
