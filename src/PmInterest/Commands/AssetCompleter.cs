using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace PmInterest.Commands;

/// <summary>
/// Tab completion for -Asset: the assets already seen in this session's results first,
/// then the assets Portfolio Margin accounts most often borrow.
/// </summary>
public sealed class AssetCompleter : IArgumentCompleter
{
    private static readonly string[] Common =
    {
        "USDT", "USDC", "FDUSD", "BTC", "ETH", "BNB", "SOL", "XRP", "DOGE", "ADA", "TRX", "LINK", "TUSD", "DAI", "EUR",
    };

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return ConnectionStore.SeenAssets.ToArray()
            .Concat(Common)
            .Distinct(StringComparer.Ordinal)
            .Where(a => a.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(a => new CompletionResult(a, a, CompletionResultType.ParameterValue, a));
    }
}
