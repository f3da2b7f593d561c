using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PmInterest.Emulator;

/// <summary>
/// The test-only endpoints of the hostile modes, beside <see cref="ControlEndpoints"/> (same
/// rules: unsigned, free, not counted):
/// <c>POST /_emulator/ban?seconds=N</c> bans every IP now, <c>POST /_emulator/spend-weight?weight=N</c>
/// spends SAPI weight for "other programs" in the current window, <c>GET /_emulator/requests</c>
/// is the request log and <c>GET /_emulator/redirected</c> what the redirect listener received.
/// </summary>
internal sealed class HostileControlEndpoints(WeightLimiter limiter, RequestLog log, RedirectListener redirects, Func<long> serverTimeMs)
{
    /// <summary>Handles the request when the path is one of these endpoints; false otherwise.</summary>
    internal async Task<bool> TryHandleAsync(HttpContext context, string path, string rawTarget)
    {
        switch (context.Request.Method, path)
        {
            case ("POST", "/_emulator/ban"):
                return await NumberAsync(context, rawTarget, "seconds", n => limiter.BanAll(serverTimeMs() + (n * 1000))).ConfigureAwait(false);
            case ("POST", "/_emulator/spend-weight"):
                return await NumberAsync(context, rawTarget, "weight", n => limiter.SpendWeight(n, serverTimeMs())).ConfigureAwait(false);
            case ("GET", "/_emulator/requests"):
                await JsonResponse.WriteAsync(context, 200, log.WriteJson).ConfigureAwait(false);
                return true;
            case ("GET", "/_emulator/redirected"):
                await JsonResponse.WriteAsync(context, 200, redirects.WriteJson).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    private static async Task<bool> NumberAsync(HttpContext context, string rawTarget, string name, Action<long> apply)
    {
        QueryParameter? parameter = RawQuery.FromRawTarget(rawTarget).Parameters.FirstOrDefault(p => p.Name == name);
        if (parameter is null || !long.TryParse(parameter.Value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n > 1_000_000_000)
        {
            await JsonResponse.WriteErrorAsync(context, new BinanceError(400, -1100, $"{name} must be a non-negative integer.")).ConfigureAwait(false);
            return true;
        }

        apply(n);
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteEndObject();
        }).ConfigureAwait(false);
        return true;
    }
}
