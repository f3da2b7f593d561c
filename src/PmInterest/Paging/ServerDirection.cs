using System.Threading;

namespace PmInterest.Paging;

/// <summary>
/// Which end of a window the server's pages come from, as learned from any full page whose
/// records span more than one instant. Only a page that is all one instant needs it: then the
/// pager knows which side of that instant may still hold records (both, while unknown).
/// </summary>
internal sealed class ServerDirection
{
    public const int Unknown = 0;
    public const int NewestFirst = 1;
    public const int OldestFirst = -1;

    private int _value;

    public int Value => Volatile.Read(ref _value);

    /// <summary>Keeps the first direction seen; a server is not expected to change it.</summary>
    public void Learn(int direction) => Interlocked.CompareExchange(ref _value, direction, Unknown);
}
