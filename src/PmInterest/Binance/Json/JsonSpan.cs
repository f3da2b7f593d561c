namespace PmInterest.Binance.Json;

/// <summary>What kind of JSON value a <see cref="JsonSpan"/> holds.</summary>
internal enum JsonKind
{
    String = 0,
    Number = 1,
    True = 2,
    False = 3,
    Null = 4,

    /// <summary>An object or array that was skipped.</summary>
    Container = 5,
}

/// <summary>
/// Where a value lies in the text <see cref="JsonCursor"/> reads: a string's content (without
/// quotes), a number's literal, or a literal. Nothing is copied until a caller asks for a string.
/// </summary>
internal readonly struct JsonSpan
{
    public JsonSpan(int start, int length, JsonKind kind, bool escaped)
    {
        Start = start;
        Length = length;
        Kind = kind;
        Escaped = escaped;
    }

    public int Start { get; }

    public int Length { get; }

    public JsonKind Kind { get; }

    /// <summary>True when a string holds escapes: its text must be unescaped before use.</summary>
    public bool Escaped { get; }
}
