using System;
using System.Collections.Generic;
using Xunit;

namespace PmInterest.Tests.Commands;

/// <summary>Tests that read or set process environment variables run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "Process environment";
}

/// <summary>Sets environment variables for a test (clearing the module's others) and restores them.</summary>
internal sealed class EnvironmentScope : IDisposable
{
    private static readonly string[] Names =
    {
        "BINANCE_API_KEY", "BINANCE_API_SECRET", "BINANCE_PRIVATE_KEY_PATH", "BINANCE_PRIVATE_KEY_PASSPHRASE", "PMINTEREST_BASE_URI", "PMINTEREST_ACCOUNT_TYPE", "PMINTEREST_MARKET_BASE_URI",
    };

    private readonly Dictionary<string, string?> _saved = new();

    public EnvironmentScope(Dictionary<string, string> values)
    {
        foreach (var name in Names)
        {
            _saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, values.TryGetValue(name, out var v) ? v : null);
        }
    }

    public void Dispose()
    {
        foreach (var pair in _saved)
        {
            Environment.SetEnvironmentVariable(pair.Key, pair.Value);
        }
    }
}
