using System.Collections.Concurrent;
using System.Globalization;

namespace PmInterest.Emulator.Tests;

/// <summary>Generated data sets for the data tests, and the small readings of record text they share.</summary>
internal static class GeneratedData
{
    internal const long Hour = 3_600_000;
    internal static readonly DateTimeOffset YearStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal const long Day = 86_400_000;

    /// <summary>The ranges a Portfolio Margin Pro account's negative balances plausibly stay in, written here independently of the emulator's own profiles.</summary>
    internal static readonly IReadOnlyDictionary<string, (decimal Min, decimal Max)> PlausibleRanges = new Dictionary<string, (decimal Min, decimal Max)>(StringComparer.Ordinal)
    {
        ["USDT"] = (500m, 5_000_000m),
        ["USDC"] = (500m, 5_000_000m),
        ["FDUSD"] = (500m, 5_000_000m),
        ["BTC"] = (0.01m, 60m),
        ["ETH"] = (0.1m, 1_500m),
        ["BNB"] = (1m, 8_000m),
        ["SOL"] = (5m, 60_000m),
        ["XRP"] = (500m, 3_000_000m),
    };

    private static readonly ConcurrentDictionary<int, List<EmulatorRecord>> Years = new();
    private static readonly ConcurrentDictionary<int, List<EmulatorRecord>> StressYears = new();

    /// <summary>The data set the server would generate for <paramref name="options"/>.</summary>
    internal static List<EmulatorRecord> Generate(EmulatorOptions options)
    {
        (DateTimeOffset start, DateTimeOffset end) = EmulatorServer.ResolveRange(options, DateTimeOffset.UtcNow);
        return DataSetGenerator.Generate(options, start, end);
    }

    /// <summary>A year of the default assets from 2025-01-01 for a seed (believable daily data), generated once per test run.</summary>
    internal static List<EmulatorRecord> Year(int seed) =>
        Years.GetOrAdd(seed, s => Generate(new EmulatorOptions { Seed = s, Start = YearStart, Days = 365 }));

    /// <summary>A year of the hourly stress book from 2025-01-01 for a seed, generated once per test run.</summary>
    internal static List<EmulatorRecord> StressYear(int seed) =>
        StressYears.GetOrAdd(seed, s => Generate(new EmulatorOptions { Seed = s, Start = YearStart, Days = 365, Stress = true }));

    internal static decimal Number(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>Decimals in the text: "24.4440" has 4.</summary>
    internal static int Scale(string text) =>
        text.Contains('.', StringComparison.Ordinal) ? text.Length - text.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
}
