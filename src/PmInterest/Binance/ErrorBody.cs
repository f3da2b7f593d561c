using System;
using PmInterest.Binance.Json;

namespace PmInterest.Binance;

/// <summary>Reads the small JSON objects Binance answers besides data: an error and the server time.</summary>
internal static class ErrorBody
{
    /// <summary>Binance's <c>{"code":-1022,"msg":"..."}</c>, or no code and <paramref name="fallback"/> when the body is something else.</summary>
    public static (int? Code, string Message) Read(BodyText body, string? fallback)
    {
        try
        {
            var json = new JsonCursor(body.Chars, body.Length);
            if (!json.AtEnd && json.Peek() == '{')
            {
                json.Open('{');
                int? code = null;
                string? msg = null;
                if (!json.TryClose('}'))
                {
                    do
                    {
                        var name = json.ReadName();
                        var value = json.ReadScalar();
                        if (json.Is(name, "code") && json.TryInt(value, out var c))
                        {
                            code = c;
                        }
                        else if (json.Is(name, "msg") && value.Kind == JsonKind.String)
                        {
                            msg = json.Text(value);
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
            // Not JSON (a proxy's HTML page, say), or deeper than any error body: described by the status below.
        }

        // A non-JSON body is not echoed: it may be a large HTML page.
        return (null, string.IsNullOrEmpty(fallback) ? "no error body" : fallback!);
    }

    /// <summary>The <c>serverTime</c> of a server-time endpoint's <c>{"serverTime":1499827319559}</c>.</summary>
    public static long ReadServerTime(JsonCursor json)
    {
        json.Open('{');
        long? serverTime = null;
        if (!json.TryClose('}'))
        {
            do
            {
                var name = json.ReadName();
                var value = json.ReadScalar();
                if (json.Is(name, "serverTime"))
                {
                    if (serverTime is not null || !json.TryUnsigned(value, out var ms))
                    {
                        throw json.Error("serverTime is not one whole number of milliseconds");
                    }

                    serverTime = ms;
                }
            }
            while (json.TryConsume(','));
            json.Close('}');
        }

        json.ExpectEnd();
        return serverTime ?? throw json.Error("the answer holds no serverTime");
    }
}
