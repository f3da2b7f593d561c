using System;
using System.IO;
using System.Reflection;

namespace PmInterest.Dependencies;

/// <summary>
/// Windows PowerShell 5.1 (.NET Framework): there are no load contexts to isolate in, so the
/// module's private assemblies load into the one AppDomain by path, and an AssemblyResolve
/// handler finds them (and the module itself, which PmInterest.Crypto refers back to) when the
/// runtime does not. It answers only for those names, and only when the asking assembly is
/// the module's own or unknown. No isolation: a BouncyCastle of the same assembly identity
/// (every 2.x is 2.0.0.0) that another module loaded first is the one used.
/// </summary>
internal sealed class FrameworkAssemblyResolver
{
    private readonly PrivateAssemblyFolder _folder;
    private readonly Assembly _module;

    public FrameworkAssemblyResolver(PrivateAssemblyFolder folder, Assembly module)
    {
        _folder = folder;
        _module = module;
        AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
    }

    /// <summary>A private assembly, by simple name, loaded from the dependencies folder.</summary>
    public Assembly LoadPrivate(string simpleName) => Assembly.LoadFrom(_folder.RequirePath(simpleName));

    private Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
    {
        if (args.RequestingAssembly is { } requester && requester != _module && !_folder.Holds(requester))
        {
            return null;
        }

        AssemblyName name;
        try
        {
            name = new AssemblyName(args.Name);
        }
        catch (Exception e) when (e is ArgumentException or FileLoadException)
        {
            return null;
        }

        if (string.Equals(name.Name, _module.GetName().Name, StringComparison.OrdinalIgnoreCase))
        {
            return _module;
        }

        var path = _folder.PathOf(name);
        return path is null ? null : Assembly.LoadFrom(path);
    }
}
