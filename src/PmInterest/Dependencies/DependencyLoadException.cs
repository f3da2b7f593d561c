using System;

namespace PmInterest.Dependencies;

/// <summary>
/// One of the module's private assemblies (in its <c>dependencies/</c> folder) is missing or
/// cannot be loaded: the installation is incomplete. The message names the assembly and where
/// it was looked for.
/// </summary>
internal sealed class DependencyLoadException : Exception
{
    public DependencyLoadException()
    {
    }

    public DependencyLoadException(string message)
        : base(message)
    {
    }

    public DependencyLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static DependencyLoadException Damaged(string assemblyName, Exception? cause)
    {
        var message = "PmInterest cannot load its assembly " + assemblyName + " or what it needs from the module's "
            + DependencyLoader.FolderName + " folder"
            + (cause is null ? "." : ": " + cause.Message)
            + " The module's installation is incomplete.";
        return cause is null ? new DependencyLoadException(message) : new DependencyLoadException(message, cause);
    }
}
