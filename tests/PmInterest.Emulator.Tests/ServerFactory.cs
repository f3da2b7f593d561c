namespace PmInterest.Emulator.Tests;

/// <summary>Starts servers with the shared keys and a fixed, small data-set range, so each start is quick.</summary>
internal static class ServerFactory
{
    internal static readonly DateTimeOffset DataStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The hourly stress book (many ties), what the endpoint tests were written against.</summary>
    internal static EmulatorOptions Options(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { Keys = TestKeys.Shared, Start = DataStart, Days = 60, Stress = true };
        configure?.Invoke(options);
        return options;
    }

    internal static Task<EmulatorServer> StartAsync(Action<EmulatorOptions>? configure = null) =>
        EmulatorServer.StartAsync(Options(configure));

    /// <summary>Three assets at three instants one hour apart; the middle instant is a tie of three.</summary>
    internal static List<EmulatorRecord> TieRecords(long t0) =>
    [
        new("USDT", "1.5", t0, "0.0001", "360000"),
        new("BTC", "0.00000100", t0 + 3_600_000, "0.00020000", "0.12000000"),
        new("ETH", "0.0010", t0 + 3_600_000, "0.0001164", "206.1855"),
        new("USDT", "24.4440", t0 + 3_600_000, "0.0001164", "210000"),
        new("BNB", "0.00000003", t0 + 7_200_000, "0.00000100", "1"),
    ];
}
