using System.Globalization;
using System.Text.Json;

namespace PmInterest.Emulator.Tests;

/// <summary>HttpClient plumbing for the tests: sends the query text exactly as built, signed or not.</summary>
internal sealed class ApiCaller
{
    internal const string InterestPath = "sapi/v1/portfolio/interest-history";

    // Keep System.Uri from re-canonicalising the query: the tests decide every byte on the wire.
    private static readonly UriCreationOptions AsIs = new() { DangerousDisablePathAndQueryCanonicalization = true };


    private readonly EmulatorServer server;

    internal ApiCaller(EmulatorServer server) => this.server = server;

    /// <summary>One client for the whole run, as HttpClient is meant to be used; servers differ by port.</summary>
    internal static HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(20) };

    internal Task<HttpResponseMessage> GetAsync(string pathAndQuery, string? apiKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUri + pathAndQuery, AsIs));
        if (apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("X-MBX-APIKEY", apiKey);
        }

        return Http.SendAsync(request);
    }

    /// <summary>Encodes the parameters, adds the server's timestamp unless given, signs and sends.</summary>
    internal Task<HttpResponseMessage> SignedAsync(Scheme scheme, params (string Name, string Value)[] parameters)
    {
        if (!parameters.Any(p => p.Name == "timestamp"))
        {
            parameters = [.. parameters, ("timestamp", ServerNow().ToString(CultureInfo.InvariantCulture))];
        }

        return SignedRawAsync(scheme, TestSigner.Query(parameters));
    }

    /// <summary>Signs <paramref name="signedText"/> but sends <paramref name="sentText"/> (the same unless a test wants a mismatch).</summary>
    internal Task<HttpResponseMessage> SignedRawAsync(Scheme scheme, string signedText, string? sentText = null, string? apiKey = null, string path = InterestPath)
    {
        string signature = TestSigner.Sign(server.Options.Keys, scheme, signedText);
        string query = (sentText ?? signedText) + "&signature=" + signature;
        return GetAsync(path + "?" + query, apiKey ?? TestSigner.ApiKey(server.Options.Keys, scheme));
    }

    /// <summary>As <see cref="SignedAsync"/>, to another signed endpoint.</summary>
    internal Task<HttpResponseMessage> SignedToAsync(string path, Scheme scheme, params (string Name, string Value)[] parameters)
    {
        if (!parameters.Any(p => p.Name == "timestamp"))
        {
            parameters = [.. parameters, ("timestamp", ServerNow().ToString(CultureInfo.InvariantCulture))];
        }

        return SignedRawAsync(scheme, TestSigner.Query(parameters), path: path);
    }

    internal long ServerNow() => server.ServerTimeMilliseconds;

    internal static async Task<(int Code, string Message)> ErrorOf(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, body.RootElement.EnumerateObject().Count());
        return (body.RootElement.GetProperty("code").GetInt32(), body.RootElement.GetProperty("msg").GetString()!);
    }

    /// <summary>Parses a 200 body, checking the wire types: amounts as strings, the time as a number.</summary>
    internal static async Task<List<EmulatorRecord>> RecordsOf(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. body.RootElement.EnumerateArray().Select(e =>
        {
            Assert.Equal(JsonValueKind.Number, e.GetProperty("interestAccruedTime").ValueKind);
            return new EmulatorRecord(
                e.GetProperty("asset").GetString()!,
                e.GetProperty("interest").GetString()!,
                e.GetProperty("interestAccruedTime").GetInt64(),
                e.GetProperty("interestRate").GetString()!,
                e.GetProperty("principal").GetString()!);
        })];
    }
}
