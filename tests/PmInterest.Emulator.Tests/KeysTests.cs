using System.Security.Cryptography;
using System.Text.Json;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace PmInterest.Emulator.Tests;

/// <summary>The generated key set: loadable PEMs, working encryption, files on disk, nothing leaked.</summary>
public class KeysTests
{
    private static EmulatorKeys Keys => TestKeys.Shared;

    [Fact]
    public void Pems_have_the_pkcs8_headers()
    {
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", Keys.RsaPrivateKeyPem, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", Keys.Ed25519PrivateKeyPem, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", Keys.RsaEncryptedPrivateKeyPem, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", Keys.Ed25519EncryptedPrivateKeyPem, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", Keys.RsaPublicKeyPem, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", Keys.Ed25519PublicKeyPem, StringComparison.Ordinal);
        Assert.Equal(64, Keys.HmacSecret.Length);
    }

    [Fact]
    public void Encrypted_rsa_key_decrypts_with_the_passphrase_to_the_same_key()
    {
        using var plain = RSA.Create();
        plain.ImportFromPem(Keys.RsaPrivateKeyPem);
        using var decrypted = RSA.Create();
        decrypted.ImportFromEncryptedPem(Keys.RsaEncryptedPrivateKeyPem, Keys.Passphrase);
        Assert.Equal(plain.ExportSubjectPublicKeyInfo(), decrypted.ExportSubjectPublicKeyInfo());
        Assert.Equal(2048, decrypted.KeySize);
        Assert.ThrowsAny<CryptographicException>(() => RSA.Create().ImportFromEncryptedPem(Keys.RsaEncryptedPrivateKeyPem, "wrong"));
    }

    [Fact]
    public void Encrypted_ed25519_key_is_pbes2_aes256_and_decrypts_to_the_registered_key()
    {
        var info = EncryptedPrivateKeyInfo.GetInstance(Der(Keys.Ed25519EncryptedPrivateKeyPem));
        Assert.Equal(PkcsObjectIdentifiers.IdPbeS2, info.EncryptionAlgorithm.Algorithm);
        Assert.Contains("2.16.840.1.101.3.4.1.42", info.EncryptionAlgorithm.Parameters.ToString(), StringComparison.Ordinal); // aes256-CBC

        var decrypted = (Ed25519PrivateKeyParameters)PrivateKeyFactory.DecryptKey(Keys.Passphrase.ToCharArray(), info);
        var plain = (Ed25519PrivateKeyParameters)PrivateKeyFactory.CreateKey(Der(Keys.Ed25519PrivateKeyPem));
        Assert.Equal(plain.GetEncoded(), decrypted.GetEncoded());
        Assert.Equal(
            ((Ed25519PublicKeyParameters)PublicKeyFactory.CreateKey(Der(Keys.Ed25519PublicKeyPem))).GetEncoded(),
            decrypted.GeneratePublicKey().GetEncoded());
    }

    [Fact]
    public void Own_pkcs8_encryption_is_readable_by_dotnet()
    {
        using var rsa = RSA.Create(1024);
        byte[] encrypted = EncryptedPkcs8.Encrypt(rsa.ExportPkcs8PrivateKey(), "pass phrase");
        using var imported = RSA.Create();
        imported.ImportEncryptedPkcs8PrivateKey("pass phrase", encrypted, out _);
        Assert.Equal(rsa.ExportSubjectPublicKeyInfo(), imported.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void WriteTo_writes_every_file_and_keys_json_names_them()
    {
        string directory = Path.Combine(Path.GetTempPath(), "pminterest-keys-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            Keys.WriteTo(directory);
            Assert.Equal(Keys.RsaPrivateKeyPem, File.ReadAllText(Path.Combine(directory, "rsa.key")).Trim());
            Assert.Equal(Keys.Ed25519EncryptedPrivateKeyPem, File.ReadAllText(Path.Combine(directory, "ed25519-encrypted.key")).Trim());
            Assert.Equal(Keys.Passphrase, File.ReadAllText(Path.Combine(directory, "passphrase.txt")));
            Assert.Equal(Keys.RsaApiKey, File.ReadAllText(Path.Combine(directory, "rsa.apikey")));
            Assert.Equal(Keys.Ed25519ApiKey, File.ReadAllText(Path.Combine(directory, "ed25519.apikey")));
            using (JsonDocument hmac = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "hmac.json"))))
            {
                Assert.Equal(Keys.HmacApiKey, hmac.RootElement.GetProperty("apiKey").GetString());
                Assert.Equal(Keys.HmacSecret, hmac.RootElement.GetProperty("secret").GetString());
            }

            string manifest = File.ReadAllText(Path.Combine(directory, "keys.json"));
            foreach (string file in Directory.GetFiles(directory).Select(f => Path.GetFileName(f)).Where(f => f != "keys.json"))
            {
                Assert.Contains($"\"{file}\"", manifest, StringComparison.Ordinal);
            }

            Assert.DoesNotContain(Keys.HmacSecret, manifest, StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, "ed25519.key")));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void ToString_shows_no_secret()
    {
        string text = Keys.ToString();
        Assert.Contains(Keys.HmacApiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Keys.HmacSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Keys.Passphrase, text, StringComparison.Ordinal);
    }

    private static byte[] Der(string pem) => PemEncoding.Find(pem) is var fields
        ? Convert.FromBase64String(pem[fields.Base64Data])
        : [];
}
