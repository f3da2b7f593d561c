namespace PmInterest.Emulator.Tests;

/// <summary>
/// Base for tests that need a running server: a fresh one per test (xunit makes a new instance
/// per test), so knobs a test turns never leak into another.
/// </summary>
public abstract class ServerTest : IAsyncLifetime
{
    private EmulatorServer? server;
    private ApiCaller? api;

    private protected EmulatorServer Server => server ?? throw new InvalidOperationException("Not started.");

    private protected ApiCaller Api => api ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        server = await EmulatorServer.StartAsync(ServerFactory.Options(Configure));
        api = new ApiCaller(server);
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>Adjusts the options before the server starts.</summary>
    private protected virtual void Configure(EmulatorOptions options)
    {
    }
}
