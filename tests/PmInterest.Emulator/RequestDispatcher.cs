using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace PmInterest.Emulator;

/// <summary>
/// The one terminal middleware: every API request is logged and passes latency, the redirect
/// knob, fault injection, the ban check and the weight charge, in that order, before its
/// endpoint runs. A hand-written switch rather than routing keeps that order explicit and the
/// 404 for unknown paths free of framework bodies. Requests on the redirect listener's port
/// only ever reach <see cref="RedirectListener"/>.
/// </summary>
internal sealed class RequestDispatcher(
    EmulatorOptions options,
    EmulatorStats stats,
    WeightLimiter limiter,
    FaultInjector faults,
    InterestHistoryHandler proInterestHistory,
    InterestHistoryHandler papiInterestHistory,
    ApiRestrictionsHandler apiRestrictions,
    PapiAccountHandler papiAccount,
    KlinesHandler klines,
    ExchangeInfoHandler exchangeInfo,
    ControlEndpoints control,
    HostileParts hostile,
    Func<long> serverTimeMs)
{
    internal const string PingPath = "/api/v3/ping";
    internal const string TimePath = "/api/v3/time";
    internal const string PapiPingPath = "/papi/v1/ping";
    internal const string PapiTimePath = "/papi/v1/time";
    private const string SapiWeightHeader = "X-SAPI-USED-IP-WEIGHT-1M";
    private const string ApiWeightHeader = "X-MBX-USED-WEIGHT-1M";
    private const string BadGatewayHtml = "<html><body><h1>502 Bad Gateway</h1></body></html>";

    internal async Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "/";
        string rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (path + context.Request.QueryString.Value);
        if (context.Connection.LocalPort == hostile.Redirects.Port)
        {
            await hostile.Redirects.HandleAsync(context, rawTarget).ConfigureAwait(false);
            return;
        }

        if (path.StartsWith(ControlEndpoints.Prefix, StringComparison.Ordinal))
        {
            if (!await hostile.Control.TryHandleAsync(context, path, rawTarget).ConfigureAwait(false))
            {
                await control.HandleAsync(context, path, rawTarget).ConfigureAwait(false);
            }

            return;
        }

        RequestLog.Pending logged = hostile.Log.Begin(context, path, RawQuery.FromRawTarget(rawTarget), serverTimeMs);
        try
        {
            await HandleApiAsync(context, path, rawTarget).ConfigureAwait(false);
        }
        finally
        {
            hostile.Log.End(context, logged, serverTimeMs());
        }
    }

    private async Task HandleApiAsync(HttpContext context, string path, string rawTarget)
    {
        stats.CountRequest(path);
        TimeSpan latency = options.Latency;
        if (latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(latency, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up; nobody is left to answer
            }
        }

        if (hostile.Answers.TryRedirect(context, rawTarget, hostile.Redirects.Address))
        {
            stats.CountStatus(context.Response.StatusCode);
            return;
        }

        if (await TryInjectFaultAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (options.NestedErrors)
        {
            await HostileAnswers.WriteNestedAsync(context, 400).ConfigureAwait(false);
            stats.CountStatus(400);
            return;
        }

        await RouteAsync(context, path, rawTarget).ConfigureAwait(false);
        stats.CountStatus(context.Response.StatusCode);
    }

    private async Task<bool> TryInjectFaultAsync(HttpContext context)
    {
        FaultKinds fault = faults.Next();
        if (fault == FaultKinds.None)
        {
            return false;
        }

        stats.CountFault();
        switch (fault)
        {
            case FaultKinds.DroppedConnection:
                context.Abort(); // before any byte: the client sees a reset or an empty response
                return true;
            case FaultKinds.BadGateway:
                context.Response.StatusCode = 502;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync(BadGatewayHtml, context.RequestAborted).ConfigureAwait(false);
                break;
            default:
                await hostile.Answers.WriteErrorAsync(context, BinanceError.InternalError).ConfigureAwait(false);
                break;
        }

        stats.CountStatus(context.Response.StatusCode);
        return true;
    }

    private async Task RouteAsync(HttpContext context, string path, string rawTarget)
    {
        string ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        long now = serverTimeMs();
        bool get = HttpMethods.IsGet(context.Request.Method);
        switch (path)
        {
            case PingPath when get:
            case PapiPingPath when get:
                if (await ChargeAsync(context, ip, path == PingPath ? WeightPool.Api : WeightPool.Papi, 1, now).ConfigureAwait(false))
                {
                    await JsonResponse.WriteAsync(context, 200, w =>
                    {
                        w.WriteStartObject();
                        w.WriteEndObject();
                    }).ConfigureAwait(false);
                }

                break;
            case TimePath when get:
            case PapiTimePath when get:
                if (await ChargeAsync(context, ip, path == TimePath ? WeightPool.Api : WeightPool.Papi, 1, now).ConfigureAwait(false))
                {
                    await JsonResponse.WriteAsync(context, 200, w =>
                    {
                        w.WriteStartObject();
                        w.WriteNumber("serverTime", now);
                        w.WriteEndObject();
                    }).ConfigureAwait(false);
                }

                break;
            case var _ when get && (path == proInterestHistory.Endpoint.Path || path == papiInterestHistory.Endpoint.Path):
                InterestHistoryHandler history = path == proInterestHistory.Endpoint.Path ? proInterestHistory : papiInterestHistory;
                if (await ChargeAsync(context, ip, history.Endpoint.Pool, InterestEndpoint.Weight, now).ConfigureAwait(false))
                {
                    await ServeInterestHistoryAsync(context, history, rawTarget, now).ConfigureAwait(false);
                }

                break;
            case KlinesHandler.Path when get:
                if (await ChargeAsync(context, ip, WeightPool.Api, KlinesHandler.Weight, now).ConfigureAwait(false))
                {
                    KlinesResult result = klines.Evaluate(RawQuery.FromRawTarget(rawTarget), now);
                    await (result.Error is null
                        ? JsonResponse.WriteAsync(context, 200, w => KlinesHandler.WriteKlines(w, result.Klines))
                        : hostile.Answers.WriteErrorAsync(context, result.Error)).ConfigureAwait(false);
                }

                break;
            case ExchangeInfoHandler.Path when get:
                if (await ChargeAsync(context, ip, WeightPool.Api, ExchangeInfoHandler.Weight, now).ConfigureAwait(false))
                {
                    ExchangeInfoResult result = exchangeInfo.Evaluate(RawQuery.FromRawTarget(rawTarget));
                    await (result.Error is null
                        ? JsonResponse.WriteAsync(context, 200, w => exchangeInfo.Write(w, result, now))
                        : hostile.Answers.WriteErrorAsync(context, result.Error)).ConfigureAwait(false);
                }

                break;
            case PapiAccountHandler.Path when get:
                if (await ChargeAsync(context, ip, WeightPool.Papi, PapiAccountHandler.Weight, now).ConfigureAwait(false))
                {
                    BinanceError? refusal = papiAccount.Evaluate(context.Request.Headers["X-MBX-APIKEY"].FirstOrDefault(), RawQuery.FromRawTarget(rawTarget), now);
                    await (refusal is null && options.NestedKeyCheck ? HostileAnswers.WriteNestedAsync(context, 200)
                        : refusal is null
                        ? JsonResponse.WriteAsync(context, 200, w => PapiAccountHandler.WriteAccount(w, now))
                        : hostile.Answers.WriteErrorAsync(context, refusal)).ConfigureAwait(false);
                }

                break;
            case ApiRestrictionsHandler.Path when get:
                if (await ChargeAsync(context, ip, WeightPool.Sapi, ApiRestrictionsHandler.Weight, now).ConfigureAwait(false))
                {
                    await ServeApiRestrictionsAsync(context, rawTarget, now).ConfigureAwait(false);
                }

                break;
            default:
                WeightDecision ban = limiter.CheckBan(ip, now);
                if (ban.Outcome == WeightOutcome.Banned)
                {
                    await RefuseAsync(context, ban).ConfigureAwait(false);
                }
                else
                {
                    await ControlEndpoints.NotFoundAsync(context).ConfigureAwait(false);
                }

                break;
        }
    }

    private async Task ServeInterestHistoryAsync(HttpContext context, InterestHistoryHandler history, string rawTarget, long now)
    {
        stats.CountInterestHistoryRequest();
        string? apiKey = context.Request.Headers["X-MBX-APIKEY"].FirstOrDefault();
        InterestHistoryResult result = history.Evaluate(apiKey, RawQuery.FromRawTarget(rawTarget), now);
        if (result.Error is not null)
        {
            await hostile.Answers.WriteErrorAsync(context, result.Error).ConfigureAwait(false);
            return;
        }

        stats.CountInterestHistoryOk(result.Query!, result.Page.Count);
        HostileBody body = options.HostileBody;
        if (body != HostileBody.None)
        {
            await hostile.Answers.WriteBodyAsync(context, body, result.Page).ConfigureAwait(false);
            return;
        }

        await JsonResponse.WriteAsync(context, 200, w => JsonResponse.WriteRecords(w, result.Page, history.Endpoint.TimeField)).ConfigureAwait(false);
    }

    private async Task ServeApiRestrictionsAsync(HttpContext context, string rawTarget, long now)
    {
        string? apiKey = context.Request.Headers["X-MBX-APIKEY"].FirstOrDefault();
        BinanceError? error = apiRestrictions.Evaluate(apiKey, RawQuery.FromRawTarget(rawTarget), now);
        if (error is not null)
        {
            await hostile.Answers.WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }

        if (options.NestedKeyCheck)
        {
            await HostileAnswers.WriteNestedAsync(context, 200).ConfigureAwait(false);
            return;
        }

        await JsonResponse.WriteAsync(context, 200, apiRestrictions.WriteFlags).ConfigureAwait(false);
    }

    /// <summary>Charges the weight before anything is validated (Binance counts refused requests too); false when refused.</summary>
    private async Task<bool> ChargeAsync(HttpContext context, string ip, WeightPool pool, int weight, long now)
    {
        WeightDecision decision = PacingAnswers.Charge(options, limiter, ip, pool, weight, now);
        // /api and /papi both report X-MBX-USED-WEIGHT-1M, each for its own pool.
        context.Response.Headers[pool == WeightPool.Sapi ? SapiWeightHeader : ApiWeightHeader] =
            PacingAnswers.UsedWeightText(options, decision.Used);
        if (decision.Outcome == WeightOutcome.Allowed)
        {
            return true;
        }

        await RefuseAsync(context, decision).ConfigureAwait(false);
        return false;
    }

    private Task RefuseAsync(HttpContext context, WeightDecision decision)
    {
        if (decision.Outcome == WeightOutcome.Banned)
        {
            return hostile.Answers.WriteBanAsync(context, decision.BannedUntilMs, decision.RetryAfterSeconds);
        }

        context.Response.Headers.RetryAfter = PacingAnswers.RetryAfterText(options, decision.RetryAfterSeconds);
        return hostile.Answers.WriteErrorAsync(context, PacingAnswers.TooMuchWeight(options, decision));
    }
}
