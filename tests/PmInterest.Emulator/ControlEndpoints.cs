using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PmInterest.Emulator;

/// <summary>
/// Test-only endpoints under <c>/_emulator/</c>: unsigned, free of weight, latency and faults,
/// and never counted in the stats, so inspecting the emulator cannot disturb what a test measures.
/// </summary>
/// <param name="latestPublished">The latest accrual time the interest endpoint serves right now (see <see cref="Publication"/>).</param>
internal sealed class ControlEndpoints(RecordStore store, EmulatorStats stats, Action reset, Func<long> latestPublished, EmulatorMarket market)
{
    internal const string Prefix = "/_emulator/";

    internal Task HandleAsync(HttpContext context, string path, string rawTarget) =>
        (context.Request.Method, path) switch
        {
            ("GET", "/_emulator/records") => RecordsAsync(context, rawTarget),
            ("GET", "/_emulator/stats") => JsonResponse.WriteAsync(context, 200, stats.WriteJson),
            ("GET", "/_emulator/price") => PricesAsync(context, rawTarget, single: true),
            ("GET", "/_emulator/prices") => PricesAsync(context, rawTarget, single: false),
            ("POST", "/_emulator/reset") => ResetAsync(context),
            _ => NotFoundAsync(context),
        };

    internal static Task NotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    }

    /// <summary>
    /// The whole data set or an inclusive window of it, newest first, ties by asset: every record,
    /// published or not, unless <c>published=true</c> asks for only what the interest endpoint serves now.
    /// </summary>
    private Task RecordsAsync(HttpContext context, string rawTarget)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (QueryParameter p in RawQuery.FromRawTarget(rawTarget).Parameters)
        {
            values[p.Name] = p.Value;
        }

        long start = long.MinValue;
        long end = long.MaxValue;
        if ((values.TryGetValue("startTime", out string? s) && !long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out start))
            || (values.TryGetValue("endTime", out string? e) && !long.TryParse(e, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out end)))
        {
            return JsonResponse.WriteErrorAsync(context, new BinanceError(400, -1100, "startTime and endTime must be integers."));
        }

        switch (values.GetValueOrDefault("published"))
        {
            case null or "" or "false":
                break;
            case "true":
                end = Math.Min(end, latestPublished());
                break;
            default:
                return JsonResponse.WriteErrorAsync(context, new BinanceError(400, -1100, "published must be true or false."));
        }

        string? asset = values.GetValueOrDefault("asset");
        ReadOnlySpan<EmulatorRecord> window = store.Window(string.IsNullOrEmpty(asset) ? null : asset, start, end);
        List<EmulatorRecord> newestFirst = PageSelector.Select(window, window.Length, RecordOrder.NewestFirst, TieOrder.Stable, null);
        return JsonResponse.WriteAsync(context, 200, w => JsonResponse.WriteRecords(w, newestFirst));
    }

    /// <summary>
    /// The open of a symbol's 1m kline at a minute (<c>price?symbol=&amp;time=</c>), or at every
    /// <c>stepMinutes</c> from startTime to endTime (<c>prices?symbol=&amp;startTime=&amp;endTime=&amp;stepMinutes=</c>,
    /// at most 100,000): <c>{"symbol","openTime","open"}</c>, open null when the symbol has no kline there.
    /// </summary>
    private Task PricesAsync(HttpContext context, string rawTarget, bool single)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (QueryParameter p in RawQuery.FromRawTarget(rawTarget).Parameters)
        {
            values[p.Name] = p.Value;
        }

        string symbol = values.GetValueOrDefault("symbol") ?? string.Empty;
        if (market.Find(symbol) is null)
        {
            return JsonResponse.WriteErrorAsync(context, BinanceError.BadSymbol);
        }

        long step = 1;
        if (!Number(values, single ? "time" : "startTime", out long start)
            || (!single && (!Number(values, "endTime", out long end) || !Number(values, "stepMinutes", out step) || step < 1 || end < start || (end - start) / (step * 60_000) >= 100_000)))
        {
            return JsonResponse.WriteErrorAsync(context, new BinanceError(400, -1100, single ? "time must be an integer (epoch ms)." : "startTime, endTime and stepMinutes must be integers, startTime <= endTime, stepMinutes >= 1, at most 100,000 prices."));
        }

        long last = single ? start : long.Parse(values["endTime"], CultureInfo.InvariantCulture);
        return JsonResponse.WriteAsync(context, 200, w =>
        {
            if (!single)
            {
                w.WriteStartArray();
            }

            for (long t = start; t <= last; t += step * 60_000)
            {
                long minute = t - (((t % 60_000) + 60_000) % 60_000);
                w.WriteStartObject();
                w.WriteString("symbol", symbol);
                w.WriteNumber("openTime", minute);
                if (market.OpenAt(symbol, minute) is decimal open)
                {
                    w.WriteString("open", PriceModel.Text(open));
                }
                else
                {
                    w.WriteNull("open");
                }

                w.WriteEndObject();
            }

            if (!single)
            {
                w.WriteEndArray();
            }
        });
    }

    private static bool Number(Dictionary<string, string> values, string name, out long value)
    {
        value = 0;
        return values.TryGetValue(name, out string? text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private Task ResetAsync(HttpContext context)
    {
        reset();
        return JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteEndObject();
        });
    }
}
