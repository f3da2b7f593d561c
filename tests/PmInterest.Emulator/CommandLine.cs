using System.Globalization;
using System.Text.Json;

namespace PmInterest.Emulator;

/// <summary>
/// Parses the process-mode command line into <see cref="EmulatorOptions"/>: one
/// <c>--name value</c> (or <c>--name=value</c>) per knob. Parsing is culture-invariant.
/// </summary>
internal sealed partial class CommandLine
{
    internal const string Usage = CoreUsage + HostileUsage + PacingUsage + NetworkUsage;

    private const string CoreUsage = """
        Usage: PmInterest.Emulator [options]
          --seed N                   data-set and fault seed (default 1)
          --start DATE               first instant of the data set, UTC (e.g. 2025-01-01)
          --end DATE                 last instant of the data set, UTC
          --days N                   data-set length in days (default 365, ending at the current UTC hour)
          --stress                   the hourly stress book (ties, principal x rate / 24) instead of
                                     believable data (one accrual per asset a day at 00:00 UTC)
          --interval-minutes N       the stress book's accrual interval (default 60; needs --stress)
          --assets A,B,...           assets with negative-balance episodes
          --records FILE             serve this JSON array (the endpoint's format) instead of generated data
          --overflow-instants N      instants where more than 100 assets (A001..A150) accrue at once (default 0)
          --overflow-assets-elsewhere  each overflow instant's asset also accrues at an ordinary instant a few hours away
          --order newest|oldest      which end of the window a page comes from (default newest)
          --tie-order stable|shuffled  order within equal interestAccruedTime (default stable)
          --span-days N              longest startTime..endTime window (default 30)
          --weight-limit N           /sapi request weight per window and IP (default 12000)
          --papi-weight-limit N      /papi request weight per window and IP (default 6000)
          --api-weight-limit N       spot /api request weight per window and IP (default 6000)
          --account both|pro|unified the kind of Portfolio Margin account the keys belong to (default both)
          --weight-window-seconds N  weight window length (default 60)
          --latency-ms N             delay before each request is processed (default 0)
          --fault-rate X             probability 0..1 of a fault per request (default 0)
          --fault-kinds K,...        503, 502, drop, all or none (default all)
          --clock-skew-ms N          added to the server clock, may be negative (default 0)
          --ban-after N              429s tolerated per window before a 418 ban (default 3)
          --ban-seconds N            ban length (default 120)
          --publish-delay-ms N       serve a record only N ms after its accrual time (default 0: at once)
          --key-dir DIR              write the generated keys there (default: a new temp directory, printed)
          --ignore-stdin             do not stop when standard input closes

        """;

    private CommandLine(EmulatorOptions options)
    {
        Options = options;
    }

    internal EmulatorOptions Options { get; }

    internal string? KeyDirectory { get; private set; }

    internal bool IgnoreStandardInput { get; private set; }

    internal bool ShowHelp { get; private set; }

    /// <exception cref="ArgumentException">An unknown option or a malformed value.</exception>
    internal static CommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new CommandLine(new EmulatorOptions());
        EmulatorOptions o = result.Options;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{arg}'.");
            }

            string name = arg;
            string? inline = null;
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                name = arg[..equals];
                inline = arg[(equals + 1)..];
            }

            switch (name)
            {
                case "--help" or "-h":
                    result.ShowHelp = true;
                    continue;
                case "--ignore-stdin":
                    result.IgnoreStandardInput = true;
                    continue;
                case "--overflow-assets-elsewhere":
                    o.OverflowAssetsElsewhere = true;
                    continue;
                case "--stress":
                    o.Stress = true;
                    continue;
                case var flag when TrySetHostileFlag(flag, o) || TrySetPacingFlag(flag, o):
                    continue;
            }

            string value = inline ?? (i + 1 < args.Count ? args[++i] : throw new ArgumentException($"Option '{name}' needs a value."));
            switch (name)
            {
                case "--seed": o.Seed = Int(name, value); break;
                case "--start": o.Start = Date(name, value); break;
                case "--end": o.End = Date(name, value); break;
                case "--days": o.Days = Int(name, value); break;
                case "--interval-minutes": o.IntervalMinutes = Int(name, value); break;
                case "--assets": o.Assets = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]; break;
                case "--records": o.Records = ReadRecords(value); break;
                case "--overflow-instants": o.OverflowInstants = Int(name, value); break;
                case "--order": o.Order = Choice(name, value, ("newest", RecordOrder.NewestFirst), ("oldest", RecordOrder.OldestFirst)); break;
                case "--tie-order": o.TieOrder = Choice(name, value, ("stable", TieOrder.Stable), ("shuffled", TieOrder.Shuffled)); break;
                case "--span-days": o.SpanLimit = TimeSpan.FromDays(Number(name, value)); break;
                case "--weight-limit": o.WeightLimit = Int(name, value); break;
                case "--papi-weight-limit": o.PapiWeightLimit = Int(name, value); break;
                case "--api-weight-limit": o.ApiWeightLimit = Int(name, value); break;
                case "--account": o.Account = Choice(name, value, ("both", EmulatorAccount.Both), ("pro", EmulatorAccount.PortfolioMarginPro), ("unified", EmulatorAccount.PortfolioMargin)); break;
                case "--weight-window-seconds": o.WeightWindow = TimeSpan.FromSeconds(Number(name, value)); break;
                case "--latency-ms": o.Latency = TimeSpan.FromMilliseconds(Number(name, value)); break;
                case "--fault-rate": o.FaultRate = Number(name, value); break;
                case "--fault-kinds": o.FaultKinds = Kinds(name, value); break;
                case "--clock-skew-ms": o.ClockSkew = TimeSpan.FromMilliseconds(Number(name, value)); break;
                case "--ban-after": o.BanAfter = Int(name, value); break;
                case "--ban-seconds": o.BanDuration = TimeSpan.FromSeconds(Number(name, value)); break;
                case "--publish-delay-ms": o.PublishDelay = TimeSpan.FromMilliseconds(Number(name, value)); break;
                case "--key-dir": result.KeyDirectory = value; break;
                default:
                    if (!TrySetHostileOption(name, value, o) && !TrySetPacingOption(name, value, o))
                    {
                        throw new ArgumentException($"Unknown option '{name}'.");
                    }

                    break;
            }
        }

        if (o.IntervalMinutes is not null && !o.Stress)
        {
            throw new ArgumentException("Option '--interval-minutes' sets the stress book's schedule; add --stress (believable data accrues once a day).");
        }

        return result;
    }

    /// <summary>Reads a JSON array in the endpoint's own format; numbers given for amounts keep their text.</summary>
    internal static List<EmulatorRecord> ReadRecords(string path)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. document.RootElement.EnumerateArray().Select(e => new EmulatorRecord(
            e.GetProperty("asset").GetString() ?? string.Empty,
            Text(e.GetProperty("interest")),
            e.GetProperty("interestAccruedTime").GetInt64(),
            Text(e.GetProperty("interestRate")),
            Text(e.GetProperty("principal"))))];
    }

    private static string Text(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString() ?? string.Empty : element.GetRawText();

    private static int Int(string name, string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n)
            ? n
            : throw new ArgumentException($"Option '{name}' needs an integer, not '{value}'.");

    private static double Number(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double n) && double.IsFinite(n)
            ? n
            : throw new ArgumentException($"Option '{name}' needs a number, not '{value}'.");

    /// <summary>A date or date-time; without an offset it is taken as UTC.</summary>
    private static DateTimeOffset Date(string name, string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset d)
            ? d
            : throw new ArgumentException($"Option '{name}' needs a date such as 2025-01-01, not '{value}'.");

    private static T Choice<T>(string name, string value, params (string Text, T Value)[] choices) =>
        choices.FirstOrDefault(c => string.Equals(c.Text, value, StringComparison.OrdinalIgnoreCase)) is { Text: not null } hit
            ? hit.Value
            : throw new ArgumentException($"Option '{name}' takes {string.Join(" or ", choices.Select(c => c.Text))}, not '{value}'.");

    private static FaultKinds Kinds(string name, string value)
    {
        FaultKinds kinds = FaultKinds.None;
        foreach (string part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            kinds |= part.ToUpperInvariant() switch
            {
                "503" or "SERVICEUNAVAILABLE" => FaultKinds.ServiceUnavailable,
                "502" or "BADGATEWAY" => FaultKinds.BadGateway,
                "DROP" or "DROPPEDCONNECTION" => FaultKinds.DroppedConnection,
                "ALL" => FaultKinds.All,
                "NONE" => FaultKinds.None,
                _ => throw new ArgumentException($"Option '{name}' takes 503, 502, drop, all or none, not '{part}'."),
            };
        }

        return kinds;
    }
}
