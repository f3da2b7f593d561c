using System;
using System.Globalization;
using PmInterest.Binance.Json;

namespace PmInterest.Binance;

/// <summary>Reads the small JSON objects Binance answers besides records: an error and the server time.</summary>
internal static class ErrorBody
{
    /// <summary>Binance's <c>{"code":-1022,"msg":"..."}</c>, or no code and <paramref name="fallback"/> when the body is something else.</summary>
    public static (int? Code, string Message) Read(string body, string? fallback)
    {
        try
        {
            var json = new JsonCursor(body);
            if (!json.AtEnd && json.Peek() == '{')
            {
                json.Expect('{');
                int? code = null;
                string? msg = null;
                if (!json.TryConsume('}'))
                {
                    do
                    {
                        var name = json.ReadPropertyName();
                        var value = json.ReadScalarText(out _);
                        if (name == "code" && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c))
                        {
                            code = c;
                        }
                        else if (name == "msg")
                        {
                            msg = value;
                        }
                    }
                    while (json.TryConsume(','));
                }

                if (code is not null || msg is not null)
                {
                    return (code, msg ?? string.Empty);
                }
            }
        }
        catch (FormatException)
        {
            // Not JSON (a proxy's HTML page, say): described by the status below.
        }

        // A non-JSON body is not echoed: it may be a large HTML page.
        return (null, string.IsNullOrEmpty(fallback) ? "no error body" : fallback!);
    }

    /// <summary>The <c>serverTime</c> of <c>GET /api/v3/time</c>.</summary>
    public static bool TryReadServerTime(string body, out long serverTime)
    {
        serverTime = 0;
        try
        {
            var json = new JsonCursor(body);
            json.Expect('{');
            do
            {
                var name = json.ReadPropertyName();
                var value = json.ReadScalarText(out _);
                if (name == "serverTime")
                {
                    return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out serverTime);
                }
            }
            while (json.TryConsume(','));
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
