using System;
using System.Collections.Generic;
using System.Globalization;

namespace PmInterest.Paging;

/// <summary>What every page must satisfy before the pager trusts it.</summary>
internal static class PageCheck
{
    /// <summary>Throws <see cref="PagerContractException"/> for a page the query cannot have produced.</summary>
    public static void Validate<T>(PagerQuery query, IReadOnlyList<T> page, int pageSize)
        where T : class, IPagedRecord<T>
    {
        if (page.Count > pageSize)
        {
            throw new PagerContractException(string.Format(
                CultureInfo.InvariantCulture,
                "The server answered {0} records for {1}, more than the {2} a page may hold.",
                page.Count,
                query,
                pageSize));
        }

        foreach (var r in page)
        {
            if (!query.Contains(r.InstantMs))
            {
                throw new PagerContractException(string.Format(
                    CultureInfo.InvariantCulture,
                    "The server answered a record at {0:yyyy-MM-dd HH:mm:ss.fff}Z for the window {1}, outside it.",
                    DateTimeOffset.FromUnixTimeMilliseconds(r.InstantMs).UtcDateTime,
                    query));
            }

            if (query.Asset is not null && !string.Equals(r.Asset, query.Asset, StringComparison.Ordinal))
            {
                throw new PagerContractException(string.Format(
                    CultureInfo.InvariantCulture,
                    "The server answered a record of {0} when asked for {1} only.",
                    r.Asset,
                    query.Asset));
            }
        }
    }

    /// <summary>
    /// The direction of a full page that spans more than one instant: newest or oldest
    /// first. A page in neither order cannot be paged through and is a contract violation.
    /// </summary>
    public static int DirectionOf<T>(PagerQuery query, IReadOnlyList<T> page)
        where T : class, IPagedRecord<T>
    {
        bool rising = true, falling = true;
        for (var i = 1; i < page.Count; i++)
        {
            var step = page[i].InstantMs.CompareTo(page[i - 1].InstantMs);
            rising &= step >= 0;
            falling &= step <= 0;
        }

        if (falling && !rising)
        {
            return ServerDirection.NewestFirst;
        }

        if (rising && !falling)
        {
            return ServerDirection.OldestFirst;
        }

        throw new PagerContractException(string.Format(
            CultureInfo.InvariantCulture,
            "The server answered a full page for {0} that is not in time order, so it cannot be paged through.",
            query));
    }
}
