using System.Management.Automation;
using PmInterest.Commands;

namespace PmInterest;

/// <summary>
/// Remove-Module PmInterest (and Import-Module -Force) closes the connections made in the
/// session: their HTTP clients are released and their keys cleared. PowerShell calls it; it is
/// public only because PowerShell looks for it among the module's public types.
/// </summary>
public sealed class ModuleCleanup : IModuleAssemblyCleanup
{
    public void OnRemove(PSModuleInfo psModuleInfo) => ConnectionStore.CloseAll();
}
