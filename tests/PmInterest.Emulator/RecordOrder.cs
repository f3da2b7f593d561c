namespace PmInterest.Emulator;

/// <summary>Which end of the requested window a page is taken from, and how it is sorted.</summary>
public enum RecordOrder
{
    /// <summary>The <c>size</c> newest records of the window, newest first (what Binance's sibling endpoints document).</summary>
    NewestFirst = 0,

    /// <summary>The <c>size</c> oldest records of the window, oldest first (undocumented; clients must survive it).</summary>
    OldestFirst = 1,
}
