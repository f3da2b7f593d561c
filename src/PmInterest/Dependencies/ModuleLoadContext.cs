using System.Reflection;
using System.Runtime.Loader;

namespace PmInterest.Dependencies;

/// <summary>
/// PowerShell 7 (.NET Core): the module's own AssemblyLoadContext. It loads the module's
/// private assemblies (PmInterest.Crypto, BouncyCastle) from <c>dependencies/</c> and nothing
/// else: every other name returns null and so falls through to the default context, which
/// keeps PmInterest itself, PowerShell and the framework shared (one IRequestSigner type for
/// the module and its private assemblies alike). A BouncyCastle of another version in the
/// default context, loaded by another module, is never seen in here, and ours never there.
/// </summary>
/// <remarks>
/// Only <see cref="DependencyLoader"/> touches this type, and only on .NET Core: Windows
/// PowerShell 5.1 has no System.Runtime.Loader, which this type derives from. Compiled against
/// the System.Runtime.Loader 4.3.0 reference, so the context has no name; it shows as its type.
/// </remarks>
internal sealed class ModuleLoadContext : AssemblyLoadContext
{
    private readonly PrivateAssemblyFolder _folder;

    public ModuleLoadContext(PrivateAssemblyFolder folder) => _folder = folder;

    /// <summary>A private assembly, by simple name, loaded in this context.</summary>
    public Assembly LoadPrivate(string simpleName)
    {
        // By name, not by path: a second call gets the assembly this context already holds.
        _ = _folder.RequirePath(simpleName);
        return LoadFromAssemblyName(new AssemblyName(simpleName));
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = _folder.PathOf(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }
}
