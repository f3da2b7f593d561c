using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace PmInterest.Dependencies;

/// <summary>
/// The module's private assemblies: the <c>*.dll</c> files of one folder (the module's
/// <c>dependencies/</c>), by simple name. Only these are ever loaded from there.
/// </summary>
internal sealed class PrivateAssemblyFolder
{
    private readonly Dictionary<string, string> _paths;

    private PrivateAssemblyFolder(string directory, Dictionary<string, string> paths)
    {
        Directory = directory;
        _paths = paths;
    }

    public string Directory { get; }

    /// <summary>The folder's assemblies; null when the folder does not exist or holds none.</summary>
    public static PrivateAssemblyFolder? Open(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            return null;
        }

        var full = Path.GetFullPath(directory);
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in System.IO.Directory.GetFiles(full, "*.dll"))
        {
            paths[Path.GetFileNameWithoutExtension(file)] = file;
        }

        return paths.Count == 0 ? null : new PrivateAssemblyFolder(full, paths);
    }

    /// <summary>The file of a private assembly; null for any other name.</summary>
    public string? PathOf(AssemblyName name) =>
        name.Name is { } simple && _paths.TryGetValue(simple, out var path) ? path : null;

    /// <summary>The file of a private assembly the module asks for by name; a clear error when it is not there.</summary>
    public string RequirePath(string simpleName) =>
        _paths.TryGetValue(simpleName, out var path)
            ? path
            : throw new FileNotFoundException("The module's dependencies folder '" + Directory + "' has no " + simpleName + ".dll.", simpleName + ".dll");

    /// <summary>True for an assembly loaded from this folder.</summary>
    public bool Holds(Assembly assembly)
    {
        if (assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location))
        {
            return false;
        }

        return string.Equals(Path.GetDirectoryName(assembly.Location), Directory, StringComparison.OrdinalIgnoreCase);
    }
}
