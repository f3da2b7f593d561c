using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PmInterest.Emulator;

/// <summary>
/// Test-only endpoints under <c>/_emulator/</c>: unsigned, free of weight, latency and faults,
/// and never counted in the stats, so inspecting the emulator cannot disturb what a test measures.
/// </summary>
/// <param name="latestPublished">The latest accrual time the interest endpoint serves right now (see <see cref="Publication"/>).</param>
internal sealed class ControlEndpoints(RecordStore store, EmulatorStats stats, Action reset, Func<long> latestPublished)
{
    internal const string Prefix = "/_emulator/";

    internal Task HandleAsync(HttpContext context, string path, string rawTarget) =>
        (context.Request.Method, path) switch
        {
            ("GET", "/_emulator/records") => RecordsAsync(context, rawTarget),
            ("GET", "/_emulator/stats") => JsonResponse.WriteAsync(context, 200, stats.WriteJson),
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
