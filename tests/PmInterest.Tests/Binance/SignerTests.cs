using System;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using PmInterest.Binance.Signing;
using Xunit;

namespace PmInterest.Tests.Binance;

public sealed class SignerTests
{
    private const string VectorSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private const string VectorTail = "side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";

    [Theory]
    [InlineData("symbol=LTCBTC&", "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71")]
    [InlineData("symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&", "e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3")]
    public void Hmac_matches_the_published_vectors(string head, string expected)
    {
        using var signer = new HmacSha256Signer(Encoding.UTF8.GetBytes(VectorSecret));

        Assert.Equal(expected, signer.Sign(head + VectorTail));
    }

    [Fact]
    public void Rsa_pkcs8_key_signs_what_its_public_key_verifies()
    {
        using var rsa = RSA.Create(2048);
        using var signer = PrivateKeyReader.FromPem(rsa.ExportPkcs8PrivateKeyPem(), null);
        const string Payload = "asset=USDT&startTime=1&endTime=2&size=100&recvWindow=5000&timestamp=1700000000000";

        var signature = Convert.FromBase64String(signer.Sign(Payload));

        Assert.Equal(KeyType.Rsa, signer.KeyType);
        Assert.True(rsa.VerifyData(Encoding.UTF8.GetBytes(Payload), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.False(rsa.VerifyData(Encoding.UTF8.GetBytes(Payload + "0"), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Encrypted_rsa_key_opens_with_its_passphrase()
    {
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportEncryptedPkcs8PrivateKeyPem("correct horse".AsSpan(), new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000));
        using var signer = PrivateKeyReader.FromPem(pem, "correct horse".ToCharArray());

        var signature = Convert.FromBase64String(signer.Sign("a=1"));

        Assert.True(rsa.VerifyData("a=1"u8.ToArray(), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Ed25519_pkcs8_key_signs_what_its_public_key_verifies()
    {
        var (pem, publicKey) = NewEd25519();
        using var signer = PrivateKeyReader.FromPem(pem, null);
        const string Payload = "asset=BTC&startTime=1&endTime=2&size=100&recvWindow=5000&timestamp=1700000000000";

        var signature = Convert.FromBase64String(signer.Sign(Payload));

        Assert.Equal(KeyType.Ed25519, signer.KeyType);
        Assert.True(publicKey.Verify(Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Algorithm.Ed25519, null, Encoding.UTF8.GetBytes(Payload), 0, Payload.Length, signature, 0));
        Assert.False(publicKey.Verify(Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Algorithm.Ed25519, null, Encoding.UTF8.GetBytes(Payload + "0"), 0, Payload.Length + 1, signature, 0));
    }

    [Fact]
    public void Encrypted_ed25519_key_needs_the_right_passphrase()
    {
        // PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, as 'openssl pkcs8 -topk8 -v2 aes-256-cbc' writes.
        var keys = PmInterest.Emulator.EmulatorKeys.Generate();
        var encrypted = keys.Ed25519EncryptedPrivateKeyPem;

        Assert.Contains("passphrase", Assert.Throws<PrivateKeyException>(() => PrivateKeyReader.FromPem(encrypted, null)).Message, StringComparison.Ordinal);
        var wrong = Assert.Throws<PrivateKeyException>(() => PrivateKeyReader.FromPem(encrypted, "wrong".ToCharArray()));
        Assert.DoesNotContain(keys.Passphrase, wrong.ToString(), StringComparison.Ordinal);
        using var signer = PrivateKeyReader.FromPem(encrypted, keys.Passphrase.ToCharArray());
        Assert.Equal(KeyType.Ed25519, signer.KeyType);
    }

    [Theory]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----", "PKCS#1")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----", "OpenSSH")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "public key")]
    [InlineData("just some text", "not a PEM")]
    [InlineData("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----", "base64")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", "not a valid PKCS#8")]
    public void Unusable_keys_are_refused_with_what_to_change(string pem, string hint)
    {
        var e = Assert.Throws<PrivateKeyException>(() => PrivateKeyReader.FromPem(pem, null, "key.pem"));

        Assert.Contains(hint, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Signers_never_show_their_key()
    {
        using var hmac = new HmacSha256Signer(Encoding.UTF8.GetBytes(VectorSecret));
        using var rsa = RSA.Create(2048);
        using var rsaSigner = PrivateKeyReader.FromPem(rsa.ExportPkcs8PrivateKeyPem(), null);

        Assert.DoesNotContain(VectorSecret, hmac.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("MII", rsaSigner.ToString(), StringComparison.Ordinal);
    }

    internal static (string Pem, Ed25519PublicKeyParameters PublicKey) NewEd25519()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var info = Org.BouncyCastle.Pkcs.PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private);
        var pem = "-----BEGIN PRIVATE KEY-----\n" + Convert.ToBase64String(info.GetEncoded(), Base64FormattingOptions.InsertLineBreaks) + "\n-----END PRIVATE KEY-----\n";
        return (pem, (Ed25519PublicKeyParameters)pair.Public);
    }
}
