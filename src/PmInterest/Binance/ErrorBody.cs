using System;
using PmInterest.Binance.Json;

namespace PmInterest.Binance;

/// <summary>Reads the small JSON objects Binance answers besides data: an error and the server time.</summary>
internal static class ErrorBody
{
    /// <summary>
    /// Binance's <c>{"code":-1022,"msg":"..."}</c>, or no code and <paramref name="fallback"/> when the
    /// body is something else; <c>Malformed</c> says why a body that opens as JSON is not JSON.
    /// </summary>
    public static (int? Code, string Message, string? Malformed) Read(BodyText body, string? fallback)
    {
        var json = new JsonCursor(body.Chars, body.Length);
        try
        {
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
                    return (code, msg ?? string.Empty, null);
                }
            }
        }
        catch (FormatException e)
        {
            // A body that opens as JSON and is not (or is deeper than any error body) is the server's
            // fault, told as such; anything else (a proxy's HTML page, say) is described by the status.
            if (FirstNonSpace(body) is '{' or '[')
            {
                return (null, string.IsNullOrEmpty(fallback) ? "no error body" : fallback!, e.Message);
            }
        }

        // A non-JSON body is not echoed: it may be a large HTML page.
        return (null, string.IsNullOrEmpty(fallback) ? "no error body" : fallback!, null);
    }

    private static char FirstNonSpace(BodyText body)
    {
        for (var i = 0; i < body.Length; i++)
        {
            if (!char.IsWhiteSpace(body.Chars[i]))
            {
                return body.Chars[i];
            }
        }

        return '\0';
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
