using System;
using System.Threading.Tasks;
using PmInterest.Binance;
using PmInterest.Emulator;
using Xunit;
using static PmInterest.Tests.Client.EmulatorFixture;

namespace PmInterest.Tests.Client;

/// <summary>Tests that measure the process's allocations; they run alone so no other test's allocations count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasuring
{
    public const string Name = "Allocation measuring";
}

/// <summary>
/// Answers are bounded: a body over <see cref="BinanceClientOptions.MaxResponseBytes"/> is refused
/// as a protocol error, and memory stays flat however large or endless the body is. Allocations
/// are counted for the whole process, the emulator's included, so the bound is generous yet far
/// below the body's size.
/// </summary>
[Collection(AllocationMeasuring.Name)]
public sealed class BoundedAnswerTests
{
    private const long FarBelow = 16L * 1024 * 1024;

    [Fact]
    public async Task A_400_MB_body_is_refused_without_being_read()
    {
        var options = Options(days: 10);
        options.HostileBody = HostileBody.Oversized;
        options.OversizedBodyBytes = 400L * 1024 * 1024;
        await RefusedWithFlatMemory(options);
    }

    [Fact]
    public async Task An_endless_body_is_refused_after_the_cap()
    {
        var options = Options(days: 10);
        options.HostileBody = HostileBody.Endless;
        await RefusedWithFlatMemory(options);
    }

    private static async Task RefusedWithFlatMemory(EmulatorOptions options)
    {
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server, tweak: o => o.MaxConcurrency = 1);
        await WarmUpWithout(server, client);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var e = await Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, client));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(BinanceErrorKind.Protocol, e.Kind);
        Assert.Contains("exceeded " + BinanceClientOptions.MaxResponseBytes + " bytes", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < FarBelow, $"{allocated:N0} bytes were allocated while refusing the body");
    }

    /// <summary>A first request without the hostile body, so JIT and connection set-up are not measured.</summary>
    private static async Task WarmUpWithout(EmulatorServer server, BinanceClient client)
    {
        var body = server.Options.HostileBody;
        server.Options.HostileBody = HostileBody.None;
        await WarmUp(client);
        server.Options.HostileBody = body;
    }
}
