namespace PmInterest.Emulator;

/// <summary>What a hostile or broken server puts in a 200 interest-history answer instead of the page.</summary>
public enum HostileBody
{
    /// <summary>The page, as Binance sends it.</summary>
    None = 0,

    /// <summary>A valid-looking JSON array of <see cref="EmulatorOptions.OversizedBodyBytes"/> bytes, with that Content-Length, generated while sent.</summary>
    Oversized = 1,

    /// <summary>A chunked JSON array that never ends.</summary>
    Endless = 2,

    /// <summary>The page uncompressed, labelled <c>Content-Encoding: gzip</c>.</summary>
    FalseGzip = 3,

    /// <summary>The page labelled with the charset <see cref="EmulatorOptions.Charset"/>.</summary>
    UnknownCharset = 4,

    /// <summary>The page with a byte that is not UTF-8 (0xFF) in the first asset.</summary>
    InvalidUtf8 = 5,

    /// <summary>The page with every <c>interestAccruedTime</c> set to 1e17 ms (the year 3170843).</summary>
    TimeOutOfRange = 6,

    /// <summary>100,000 nested empty arrays (200 KB, under any answer cap) in place of the page.</summary>
    DeepNesting = 7,

    /// <summary>The page with the first record's <c>interest</c> field given twice, with different amounts.</summary>
    DuplicateField = 8,

    /// <summary>The page followed by a second JSON array.</summary>
    TrailingText = 9,

    /// <summary>The page with the first record's interest written with 29 decimals.</summary>
    LongDecimal = 10,

    /// <summary>The page with the first record's time as the string <c>" +T "</c>.</summary>
    OddTime = 11,

    /// <summary>The page with every interest negated (Binance sends none; the module takes them as sent).</summary>
    NegativeAmount = 12,
}
