using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace PmInterest.Emulator;

/// <summary>
/// A fresh set of test API keys: one HMAC key, one RSA 2048 key and one Ed25519 key, each
/// with its own API key string. The API key strings are fixed names (they are public on
/// Binance too); the secret and the key material are new on every <see cref="Generate"/>.
/// <see cref="ToString"/> shows no secret.
/// </summary>
public sealed class EmulatorKeys
{
    /// <summary>API key registered for the HMAC secret.</summary>
    public const string DefaultHmacApiKey = "EmulatorHmacApiKey0000000000000000000000000000000000000000000001";

    /// <summary>API key registered for the RSA public key.</summary>
    public const string DefaultRsaApiKey = "EmulatorRsaApiKey00000000000000000000000000000000000000000000002";

    /// <summary>API key registered for the Ed25519 public key.</summary>
    public const string DefaultEd25519ApiKey = "EmulatorEd25519ApiKey000000000000000000000000000000000000000003";

    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly byte[] rsaPublicKeyInfo;

    private EmulatorKeys(
        string hmacSecret,
        RSA rsa,
        Ed25519PrivateKeyParameters ed25519,
        string passphrase)
    {
        HmacSecret = hmacSecret;
        Passphrase = passphrase;

        RsaPrivateKeyPem = rsa.ExportPkcs8PrivateKeyPem();
        RsaEncryptedPrivateKeyPem = rsa.ExportEncryptedPkcs8PrivateKeyPem(
            passphrase,
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, EncryptedPkcs8.Iterations));
        RsaPublicKeyPem = rsa.ExportSubjectPublicKeyInfoPem();
        rsaPublicKeyInfo = rsa.ExportSubjectPublicKeyInfo();

        Ed25519PublicKeyParameters ed25519Public = ed25519.GeneratePublicKey();
        Ed25519PublicKey = ed25519Public;
        byte[] ed25519Pkcs8 = Ed25519PrivateKeyInfo(ed25519);
        Ed25519PrivateKeyPem = PemEncoding.WriteString("PRIVATE KEY", ed25519Pkcs8);
        Ed25519EncryptedPrivateKeyPem = PemEncoding.WriteString("ENCRYPTED PRIVATE KEY", EncryptedPkcs8.Encrypt(ed25519Pkcs8, passphrase));
        Ed25519PublicKeyPem = PemEncoding.WriteString(
            "PUBLIC KEY",
            SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(ed25519Public).GetDerEncoded());
        CryptographicOperations.ZeroMemory(ed25519Pkcs8);
    }

    /// <summary>API key of the HMAC key (header <c>X-MBX-APIKEY</c>).</summary>
    public string HmacApiKey { get; } = DefaultHmacApiKey;

    /// <summary>The 64-character HMAC secret. Secret: never print it.</summary>
    public string HmacSecret { get; }

    /// <summary>API key of the RSA key.</summary>
    public string RsaApiKey { get; } = DefaultRsaApiKey;

    /// <summary>RSA 2048 private key, PKCS#8 PEM (<c>-----BEGIN PRIVATE KEY-----</c>). Secret.</summary>
    public string RsaPrivateKeyPem { get; }

    /// <summary>The RSA private key as encrypted PKCS#8 PEM (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC), <see cref="Passphrase"/>. Secret.</summary>
    public string RsaEncryptedPrivateKeyPem { get; }

    /// <summary>RSA public key, SubjectPublicKeyInfo PEM (<c>-----BEGIN PUBLIC KEY-----</c>): what one registers at Binance.</summary>
    public string RsaPublicKeyPem { get; }

    /// <summary>API key of the Ed25519 key.</summary>
    public string Ed25519ApiKey { get; } = DefaultEd25519ApiKey;

    /// <summary>Ed25519 private key, PKCS#8 PEM (RFC 8410). Secret.</summary>
    public string Ed25519PrivateKeyPem { get; }

    /// <summary>The Ed25519 private key as encrypted PKCS#8 PEM (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC), <see cref="Passphrase"/>. Secret.</summary>
    public string Ed25519EncryptedPrivateKeyPem { get; }

    /// <summary>Ed25519 public key, SubjectPublicKeyInfo PEM.</summary>
    public string Ed25519PublicKeyPem { get; }

    /// <summary>Passphrase of both encrypted PEMs. Secret.</summary>
    public string Passphrase { get; }

    internal Ed25519PublicKeyParameters Ed25519PublicKey { get; }

    internal ReadOnlySpan<byte> RsaPublicKeyInfo => rsaPublicKeyInfo;

    /// <summary>Generates new key material (an RSA 2048 key takes a noticeable fraction of a second).</summary>
    public static EmulatorKeys Generate()
    {
        using var rsa = RSA.Create(2048);
        var ed25519 = new Ed25519PrivateKeyParameters(new SecureRandom());
        return new EmulatorKeys(
            RandomNumberGenerator.GetString(Alphanumerics, 64),
            rsa,
            ed25519,
            RandomNumberGenerator.GetString(Alphanumerics, 24));
    }

    /// <summary>
    /// Writes the key set to <paramref name="directory"/> (created when missing):
    /// <c>hmac.json</c>, <c>rsa.key</c>, <c>rsa.apikey</c>, <c>rsa-encrypted.key</c>, <c>rsa.pub</c>,
    /// <c>ed25519.key</c>, <c>ed25519.apikey</c>, <c>ed25519-encrypted.key</c>, <c>ed25519.pub</c>,
    /// <c>passphrase.txt</c>, and <c>keys.json</c> naming them all (file names relative to the directory).
    /// On Unix the secret files are readable by the owner only.
    /// </summary>
    public void WriteTo(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);

        WriteFile(directory, "hmac.json", Json(w =>
        {
            w.WriteString("apiKey", HmacApiKey);
            w.WriteString("secret", HmacSecret);
        }), secret: true);
        WriteFile(directory, "rsa.key", RsaPrivateKeyPem + "\n", secret: true);
        WriteFile(directory, "rsa-encrypted.key", RsaEncryptedPrivateKeyPem + "\n", secret: true);
        WriteFile(directory, "rsa.apikey", RsaApiKey, secret: false);
        WriteFile(directory, "rsa.pub", RsaPublicKeyPem + "\n", secret: false);
        WriteFile(directory, "ed25519.key", Ed25519PrivateKeyPem + "\n", secret: true);
        WriteFile(directory, "ed25519-encrypted.key", Ed25519EncryptedPrivateKeyPem + "\n", secret: true);
        WriteFile(directory, "ed25519.apikey", Ed25519ApiKey, secret: false);
        WriteFile(directory, "ed25519.pub", Ed25519PublicKeyPem + "\n", secret: false);
        WriteFile(directory, "passphrase.txt", Passphrase, secret: true);

        // keys.json holds API key names and file names only, no secret, so it is safe to log.
        WriteFile(directory, "keys.json", Json(w =>
        {
            w.WriteStartObject("hmac");
            w.WriteString("apiKey", HmacApiKey);
            w.WriteString("file", "hmac.json");
            w.WriteEndObject();
            WriteAsymmetric(w, "rsa", RsaApiKey);
            WriteAsymmetric(w, "ed25519", Ed25519ApiKey);
            w.WriteString("passphraseFile", "passphrase.txt");
        }), secret: false);
    }

    /// <summary>Names the API keys only: a key set must never leak its secrets through logging.</summary>
    public override string ToString() =>
        $"EmulatorKeys(hmac={HmacApiKey}, rsa={RsaApiKey}, ed25519={Ed25519ApiKey})";

    /// <summary>
    /// RFC 8410 PrivateKeyInfo, version 0 without the optional public key: the form
    /// <c>openssl genpkey -algorithm ed25519</c> writes. BouncyCastle would add the public key
    /// (version 1), which OpenSSL 3.0 and the tools built on it refuse to read.
    /// </summary>
    private static byte[] Ed25519PrivateKeyInfo(Ed25519PrivateKeyParameters key)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.3.101.112");
            }

            var inner = new AsnWriter(AsnEncodingRules.DER);
            inner.WriteOctetString(key.GetEncoded());
            writer.WriteOctetString(inner.Encode());
        }

        return writer.Encode();
    }

    private static void WriteAsymmetric(Utf8JsonWriter w, string name, string apiKey)
    {
        w.WriteStartObject(name);
        w.WriteString("apiKey", apiKey);
        w.WriteString("apiKeyFile", name + ".apikey");
        w.WriteString("privateKeyFile", name + ".key");
        w.WriteString("encryptedPrivateKeyFile", name + "-encrypted.key");
        w.WriteString("publicKeyFile", name + ".pub");
        w.WriteEndObject();
    }

    private static string Json(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteFile(string directory, string name, string content, bool secret)
    {
        string path = Path.Combine(directory, name);
        if (secret && !OperatingSystem.IsWindows())
        {
            // Create the file owner-only before the secret is in it, not chmod it afterwards.
            using var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            stream.Write(Encoding.UTF8.GetBytes(content));
            return;
        }

        File.WriteAllText(path, content);
    }
}
