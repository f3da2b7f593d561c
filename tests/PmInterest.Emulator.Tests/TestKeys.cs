using PmInterest.Emulator;

namespace PmInterest.Emulator.Tests;

/// <summary>One key set for the whole test run: RSA key generation is the slowest step of starting a server.</summary>
internal static class TestKeys
{
    internal static EmulatorKeys Shared { get; } = EmulatorKeys.Generate();
}
