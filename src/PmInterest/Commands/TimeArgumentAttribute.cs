using System;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace PmInterest.Commands;

/// <summary>
/// Lets a DateTime parameter take what runbooks hold times in, exactly: a DateTime as it is
/// (UTC when its Kind says so, else local time), a DateTimeOffset by its offset, and a string
/// in ISO 8601 by its offset or 'Z' when it has one, else as local time, read with the
/// invariant culture whatever the session's culture. PowerShell's own conversion reads a
/// DateTimeOffset not at all and a string by the current culture's rules.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class TimeArgumentAttribute : ArgumentTransformationAttribute
{
    private static readonly Regex ExplicitZone = new(@"[T ]\d{1,2}:\d{2}(:\d{2}([.,]\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly string[] Formats =
    {
        "yyyy-MM-dd",
        "yyyy-MM-ddTHH:mm",
        "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    };

    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            DateTimeOffset offset => offset.UtcDateTime,
            string text => Parse(text),
            _ => inputData,
        };
    }

    /// <summary>An ISO 8601 time: by its zone when it names one, else local (Kind Unspecified).</summary>
    internal static DateTime Parse(string text)
    {
        var trimmed = text.Trim();
        if (ExplicitZone.IsMatch(trimmed) &&
            DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withZone))
        {
            return withZone.UtcDateTime;
        }

        if (DateTime.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ||
            DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out local))
        {
            return DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        }

        throw new ArgumentTransformationMetadataException(string.Format(
            CultureInfo.InvariantCulture,
            "'{0}' is not a time. Give an ISO 8601 time such as 2026-01-31, 2026-01-31T08:00:00Z or 2026-01-31T09:00:00+01:00, a [datetime] or a [datetimeoffset].",
            text));
    }
}
