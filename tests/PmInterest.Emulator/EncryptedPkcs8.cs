using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;

namespace PmInterest.Emulator;

/// <summary>
/// Wraps a PKCS#8 PrivateKeyInfo into an EncryptedPrivateKeyInfo with PBES2
/// (PBKDF2-HMAC-SHA256, AES-256-CBC): the layout <c>openssl pkcs8 -topk8 -v2 aes-256-cbc</c>
/// writes. .NET offers this only for the key types it implements, and it has no Ed25519,
/// so the Ed25519 key is encrypted here from .NET's primitives.
/// </summary>
internal static class EncryptedPkcs8
{
    private const string Pbes2Oid = "1.2.840.113549.1.5.13";
    private const string Pbkdf2Oid = "1.2.840.113549.1.5.12";
    private const string HmacWithSha256Oid = "1.2.840.113549.2.9";
    private const string Aes256CbcOid = "2.16.840.1.101.3.4.1.42";

    /// <summary>OpenSSL's default iteration count: slow enough to be real, fast enough for tests.</summary>
    internal const int Iterations = 2048;

    internal static byte[] Encrypt(ReadOnlySpan<byte> privateKeyInfoDer, string passphrase)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        byte[] iv = RandomNumberGenerator.GetBytes(16);
        byte[] key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, Iterations, HashAlgorithmName.SHA256, 32);
        byte[] cipherText;
        using (var aes = Aes.Create())
        {
            aes.Key = key;
            cipherText = aes.EncryptCbc(privateKeyInfoDer, iv, PaddingMode.PKCS7);
        }

        CryptographicOperations.ZeroMemory(key);

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(Pbes2Oid);
                using (writer.PushSequence())
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(Pbkdf2Oid);
                        using (writer.PushSequence())
                        {
                            writer.WriteOctetString(salt);
                            writer.WriteInteger(Iterations);
                            writer.WriteInteger(32);
                            using (writer.PushSequence())
                            {
                                writer.WriteObjectIdentifier(HmacWithSha256Oid);
                                writer.WriteNull();
                            }
                        }
                    }

                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(Aes256CbcOid);
                        writer.WriteOctetString(iv);
                    }
                }
            }

            writer.WriteOctetString(cipherText);
        }

        return writer.Encode();
    }
}
