using Microsoft.Extensions.Hosting;

namespace PmInterest.Emulator;

/// <summary>
/// Replaces the default ConsoleLifetime, which would take over Ctrl+C and SIGTERM of whatever
/// process hosts the emulator (a test runner must stay killable). Process mode handles
/// signals itself in <see cref="Program"/>.
/// </summary>
internal sealed class InProcessHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
