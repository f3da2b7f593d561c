using System.Globalization;

namespace PmInterest.Emulator;

/// <summary>A refusal in Binance's shape: an HTTP status plus the body <c>{"code":..,"msg":".."}</c>.</summary>
internal sealed record BinanceError(int Status, int Code, string Message)
{
    internal static BinanceError ApiKeyMissing { get; } = new(401, -2014, "API-key format invalid.");

    internal static BinanceError ApiKeyUnknown { get; } = new(401, -2015, "Invalid API-key, IP, or permissions for action.");

    internal static BinanceError InvalidSignature { get; } = new(400, -1022, "Signature for this request is not valid.");

    internal static BinanceError OutsideRecvWindow { get; } = new(400, -1021, "Timestamp for this request is outside of the recvWindow.");

    internal static BinanceError RecvWindowTooLarge { get; } = new(400, -1131, "recvWindow must be less than 60000.");

    internal static BinanceError Duplicate { get; } = new(400, -1101, "Duplicate values for a parameter detected.");

    internal static BinanceError InvalidSize { get; } = new(400, -1130, "Data sent for parameter 'size' is not valid.");

    internal static BinanceError StartAfterEnd { get; } = new(400, -1128, "Combination of optional parameters invalid.");

    internal static BinanceError BadInterval { get; } = new(400, -1120, "Invalid interval.");

    internal static BinanceError BadSymbol { get; } = new(400, -1121, "Invalid symbol.");

    /// <summary>The Portfolio Margin Pro endpoint's answer for an account of another kind.</summary>
    internal static BinanceError NotPortfolioMarginPro { get; } = new(400, -21001, "Request ID is not a Portfolio Margin Account.");

    internal static BinanceError InternalError { get; } = new(503, -1001, "Internal error; unable to process your request. Please try again.");

    internal static BinanceError Mandatory(string name) =>
        new(400, -1102, $"Mandatory parameter '{name}' was not sent, was empty/null, or malformed.");

    internal static BinanceError InvalidData(string name) => new(400, -1130, $"Data sent for parameter '{name}' is not valid.");

    internal static BinanceError Empty(string name) => new(400, -1105, $"Parameter '{name}' was empty.");

    internal static BinanceError IllegalLong(string name) =>
        new(400, -1100, $"Illegal characters found in parameter '{name}'; legal range is '^[0-9]{{1,20}}$'.");

    internal static BinanceError NotAllRead(int read, int sent) =>
        new(400, -1104, string.Create(CultureInfo.InvariantCulture, $"Not all sent parameters were read; read '{read}' parameter(s) but was sent '{sent}'."));

    internal static BinanceError SpanTooLong(TimeSpan span) =>
        new(400, -1127, string.Create(CultureInfo.InvariantCulture, $"More than {span.TotalHours:0.##} hours between startTime and endTime."));

    internal static BinanceError TooMuchWeight(int limit, TimeSpan window) =>
        new(429, -1003, string.Create(CultureInfo.InvariantCulture, $"Too much request weight used; current limit is {limit} request weight per {(long)Math.Ceiling(window.TotalSeconds)} SECOND. Please use WebSocket Streams for live updates to avoid polling the API."));

    internal static BinanceError IpBanned(long bannedUntilMs) =>
        new(418, -1003, string.Create(CultureInfo.InvariantCulture, $"Way too much request weight used; IP banned until {bannedUntilMs}. Please use WebSocket Streams for live updates to avoid bans."));
}
