using System;
using System.Collections.Generic;
using PmInterest.Binance;
using PmInterest.Paging;

namespace PmInterest.Endpoints;

/// <summary>
/// An endpoint that answers a page of records of an inclusive time window, optionally for one
/// asset, without a cursor: what the window walker pages through. It says how large a page
/// may be, the longest window it documents and how a query becomes its parameters.
/// </summary>
internal abstract class PagedEndpoint<T> : ApiEndpoint<List<T>>
    where T : class, IPagedRecord<T>
{
    protected PagedEndpoint(string path, int weight, WeightPool pool, bool signed, int pageSize, TimeSpan maxSpan)
        : base(path, weight, pool, signed)
    {
        PageSize = pageSize;
        MaxSpan = maxSpan;
    }

    /// <summary>The largest page the endpoint serves; every request asks for it.</summary>
    public int PageSize { get; }

    /// <summary>The longest startTime..endTime window documented.</summary>
    public TimeSpan MaxSpan { get; }

    /// <summary>The query's parameters, in a fixed order.</summary>
    public abstract List<KeyValuePair<string, string>> Parameters(PagerQuery query);
}
