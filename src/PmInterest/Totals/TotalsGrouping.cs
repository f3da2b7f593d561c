using System;

namespace PmInterest.Totals;

/// <summary>
/// What Measure-PmNegativeBalanceInterest groups by: any combination; none gives one total.
/// Of Day, Month and Year the finest asked for sets the period (Day and Year together group
/// by day).
/// </summary>
[Flags]
internal enum TotalsGrouping
{
    None = 0,
    Asset = 1,
    Day = 2,
    Month = 4,
    Year = 8,
}
