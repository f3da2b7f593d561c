namespace PmInterest.Binance.Signing;

/// <summary>The three kinds of API key Binance accepts for signed endpoints.</summary>
public enum KeyType
{
    /// <summary>A shared secret; signatures are HMAC-SHA256 in lower-case hex.</summary>
    Hmac,

    /// <summary>An RSA private key (PKCS#8); RSASSA-PKCS1-v1_5 with SHA-256, base64.</summary>
    Rsa,

    /// <summary>An Ed25519 private key (PKCS#8); base64 signature.</summary>
    Ed25519,
}
