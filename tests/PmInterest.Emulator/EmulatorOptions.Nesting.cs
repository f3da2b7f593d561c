namespace PmInterest.Emulator;

/// <summary>
/// Deeply nested answers outside the interest pages (those are <see cref="HostileBody.DeepNesting"/>):
/// a parser that recurses without a bound ends the whole process on them. May change while running.
/// </summary>
public sealed partial class EmulatorOptions
{
    private int nestedErrors;
    private int nestedKeyCheck;

    /// <summary>Every API request is answered 400 with <see cref="HostileAnswers.NestingDepth"/> nested arrays as its body.</summary>
    public bool NestedErrors
    {
        get => Volatile.Read(ref nestedErrors) != 0;
        set => Volatile.Write(ref nestedErrors, value ? 1 : 0);
    }

    /// <summary>The key checks (apiRestrictions, /papi/v1/account) answer 200 with <see cref="HostileAnswers.NestingDepth"/> nested arrays.</summary>
    public bool NestedKeyCheck
    {
        get => Volatile.Read(ref nestedKeyCheck) != 0;
        set => Volatile.Write(ref nestedKeyCheck, value ? 1 : 0);
    }
}
