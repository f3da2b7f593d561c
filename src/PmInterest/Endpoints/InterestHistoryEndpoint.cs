using System;
using System.Collections.Generic;
using System.Globalization;
using PmInterest.Binance;
using PmInterest.Binance.Json;
using PmInterest.Interest;
using PmInterest.Paging;

namespace PmInterest.Endpoints;

/// <summary>
/// A negative-balance interest history (<c>GET .../portfolio/interest-history</c>, USER_DATA):
/// parameters asset, startTime, endTime and size in a fixed order, always explicit times and
/// the largest page, the records read by <see cref="InterestHistoryParser"/> with the endpoint's
/// spelling of the time field. Both account types' histories are instances of this.
/// </summary>
internal sealed class InterestHistoryEndpoint : PagedEndpoint<NegativeBalanceInterest>
{
    private readonly TextCache _assets = new();

    public InterestHistoryEndpoint(string path, int weight, WeightPool pool, int pageSize, TimeSpan maxSpan, string timeField)
        : base(path, weight, pool, signed: true, pageSize, maxSpan)
    {
        TimeField = timeField;
    }

    /// <summary>How the answer names the accrual instant.</summary>
    public string TimeField { get; }

    public override string Expected => "the expected list of interest records";

    public override List<KeyValuePair<string, string>> Parameters(PagerQuery query)
    {
        var parameters = new List<KeyValuePair<string, string>>(4);
        if (query.Asset is not null)
        {
            parameters.Add(new("asset", query.Asset));
        }

        parameters.Add(new("startTime", query.StartMs.ToString(CultureInfo.InvariantCulture)));
        parameters.Add(new("endTime", query.EndMs.ToString(CultureInfo.InvariantCulture)));
        parameters.Add(new("size", PageSize.ToString(CultureInfo.InvariantCulture)));
        return parameters;
    }

    public override List<NegativeBalanceInterest> Read(JsonCursor body) => InterestHistoryParser.Read(body, TimeField, _assets);
}
