namespace PmInterest.Emulator;

/// <summary>How records that share one <c>interestAccruedTime</c> are ordered within a page.</summary>
public enum TieOrder
{
    /// <summary>By asset name (ordinal), the same on every request.</summary>
    Stable = 0,

    /// <summary>
    /// A fresh random permutation on every request, so a page that ends inside a tie holds a
    /// random subset of it: real servers give no ordering guarantee and clients must cope.
    /// </summary>
    Shuffled = 1,
}
