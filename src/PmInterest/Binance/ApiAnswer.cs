namespace PmInterest.Binance;

/// <summary>What a 200 answer held, read by its endpoint, with what the request cost.</summary>
internal sealed class ApiAnswer<T>
{
    public ApiAnswer(T value, int? usedWeight, int attempts)
    {
        Value = value;
        UsedWeight = usedWeight;
        Attempts = attempts;
    }

    public T Value { get; }

    /// <summary>The window's weight in the endpoint's pool as the server reported it after this request.</summary>
    public int? UsedWeight { get; }

    public int Attempts { get; }
}
