using System;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace PmInterest.Dependencies;

/// <summary>
/// Loads the module's private assemblies (PmInterest.Crypto and BouncyCastle, shipped in the
/// module's <c>dependencies/</c> folder) when they are first needed, so that they never clash
/// with other versions that PowerShell or another module loaded:
/// <list type="bullet">
/// <item>PowerShell 7 (.NET Core): into the module's own <see cref="ModuleLoadContext"/>.</item>
/// <item>Windows PowerShell 5.1 (.NET Framework): by path, found again through a
/// <see cref="FrameworkAssemblyResolver"/>; isolation is not possible there.</item>
/// <item>No <c>dependencies/</c> folder (the build output that the xunit tests and the
/// benchmarks run from): from beside PmInterest.dll, where the host already resolves them.</item>
/// </list>
/// </summary>
internal static class DependencyLoader
{
    public const string FolderName = "dependencies";

    private static readonly object Gate = new();
    private static Func<string, Assembly>? s_load;

    /// <summary>Creates <paramref name="typeName"/> (public, parameterless) from a private assembly.</summary>
    public static T CreateInstance<T>(string assemblyName, string typeName)
        where T : class
    {
        var type = Load(assemblyName).GetType(typeName, throwOnError: false);
        if (type is null || Activator.CreateInstance(type, nonPublic: true) is not T instance)
        {
            throw DependencyLoadException.Damaged(assemblyName, new TypeLoadException(assemblyName + " has no usable " + typeName + "."));
        }

        return instance;
    }

    /// <summary>A private assembly by simple name, loaded once per process.</summary>
    public static Assembly Load(string assemblyName)
    {
        try
        {
            Func<string, Assembly> load;
            lock (Gate)
            {
                load = s_load ??= CreateLoader();
            }

            return load(assemblyName);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException or IOException or UnauthorizedAccessException)
        {
            throw DependencyLoadException.Damaged(assemblyName, e);
        }
    }

    private static Func<string, Assembly> CreateLoader()
    {
        var module = typeof(DependencyLoader).Assembly;
        var moduleDirectory = string.IsNullOrEmpty(module.Location)
            ? AppDomain.CurrentDomain.BaseDirectory
            : Path.GetDirectoryName(module.Location)!;
        var folder = PrivateAssemblyFolder.Open(Path.Combine(moduleDirectory, FolderName));
        if (folder is null)
        {
            return name => Assembly.LoadFrom(Path.Combine(moduleDirectory, name + ".dll"));
        }

        return RunsOnNetCore() ? CreateIsolatedLoader(folder) : new FrameworkAssemblyResolver(folder, module).LoadPrivate;
    }

    // .NET Core and .NET 5+ have System.Private.CoreLib; .NET Framework has mscorlib. Asking
    // needs nothing that Windows PowerShell 5.1 lacks.
    private static bool RunsOnNetCore() =>
        string.Equals(typeof(object).Assembly.GetName().Name, "System.Private.CoreLib", StringComparison.Ordinal);

    // Kept out of line so that only .NET Core ever compiles a method that names
    // ModuleLoadContext (and so loads System.Runtime.Loader).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Func<string, Assembly> CreateIsolatedLoader(PrivateAssemblyFolder folder) =>
        new ModuleLoadContext(folder).LoadPrivate;
}
