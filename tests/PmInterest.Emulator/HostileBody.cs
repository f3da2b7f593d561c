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
}
