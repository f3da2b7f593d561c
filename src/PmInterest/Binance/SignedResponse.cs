namespace PmInterest.Binance;

/// <summary>The body of a successful signed request, with what it cost.</summary>
public sealed class SignedResponse
{
    public SignedResponse(string body, int? usedWeight, int attempts)
    {
        Body = body;
        UsedWeight = usedWeight;
        Attempts = attempts;
    }

    public string Body { get; }

    /// <summary>The window's weight as the server reported it after this request.</summary>
    public int? UsedWeight { get; }

    public int Attempts { get; }
}
