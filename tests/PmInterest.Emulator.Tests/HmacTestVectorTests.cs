using System.Text;

namespace PmInterest.Emulator.Tests;

/// <summary>Binance's published HMAC examples, checked against the emulator's verifier.</summary>
public class HmacTestVectorTests
{
    private const string Secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private const string Payload = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
    private const string Expected = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";

    [Fact]
    public void Published_vector_computes_the_published_signature() =>
        Assert.Equal(Expected, SignatureVerifier.ComputeHmacHex(Secret, Payload));

    [Theory]
    [InlineData(Expected, true)]
    [InlineData("C8DB56825AE71D6D79447849E617115F4A920FA2ACDCAB2B053C4B2838BD6B71", true)]
    [InlineData("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b70", false)]
    [InlineData("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b7", false)]
    [InlineData("", false)]
    public void Verifier_accepts_the_published_signature_in_either_case_and_nothing_else(string signature, bool valid) =>
        Assert.Equal(valid, SignatureVerifier.VerifyHmac(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(Payload), signature));

    [Fact]
    public void Published_percent_encoded_vector_is_verified_against_the_encoded_text()
    {
        string encoded = Payload.Replace("symbol=LTCBTC", "symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96", StringComparison.Ordinal);
        Assert.True(SignatureVerifier.VerifyHmac(
            Encoding.UTF8.GetBytes(Secret),
            Encoding.UTF8.GetBytes(encoded),
            "e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3"));
    }
}
