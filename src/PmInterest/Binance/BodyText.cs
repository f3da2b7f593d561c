namespace PmInterest.Binance;

/// <summary>A body read as text, or the reason it was refused.</summary>
internal sealed class BodyText
{
    private BodyText(string? text, string? failure)
    {
        Text = text ?? string.Empty;
        Failure = failure;
    }

    public string Text { get; }

    /// <summary>Why the body was refused, or null when it was read.</summary>
    public string? Failure { get; }

    public static BodyText Of(string text) => new(text, null);

    public static BodyText Fail(string failure) => new(null, failure);
}
