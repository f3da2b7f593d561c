using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using PmInterest.Commands;

namespace PmInterest.Tests.Commands;

/// <summary>A PowerShell runspace in this process with the module (and Export-Csv's module) imported.</summary>
internal sealed class HostedRunspace : IDisposable
{
    public HostedRunspace(System.Management.Automation.Host.PSHost? host = null)
    {
        var iss = InitialSessionState.CreateDefault2();
        iss.ThrowOnRunspaceOpenError = true;
        iss.ImportPSModule(typeof(GetPmNegativeBalanceInterestCommand).Assembly.Location);
        iss.ImportPSModule(typeof(Microsoft.PowerShell.Commands.ExportCsvCommand).Assembly.Location);
        Runspace = host is null ? RunspaceFactory.CreateRunspace(iss) : RunspaceFactory.CreateRunspace(host, iss);
        Runspace.Open();
    }

    public Runspace Runspace { get; }

    /// <summary>Runs a script; returns output and the streams.</summary>
    public Result Run(string script, IDictionary<string, object?>? variables = null)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = Runspace;
        if (variables is not null)
        {
            foreach (var pair in variables)
            {
                Runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
            }
        }

        ps.AddScript(script);
        Exception? thrown = null;
        var output = new List<PSObject>();
        try
        {
            output.AddRange(ps.Invoke());
        }
        catch (RuntimeException e)
        {
            thrown = e;
        }

        return new Result(
            output,
            ps.Streams.Error.ToList(),
            ps.Streams.Verbose.Select(v => v.Message).ToList(),
            ps.Streams.Progress.ToList(),
            thrown,
            ps.Streams.Warning.Select(w => w.Message).ToList());
    }

    public void Dispose() => Runspace.Dispose();

    internal sealed record Result(List<PSObject> Output, List<ErrorRecord> Errors, List<string> Verbose, List<ProgressRecord> Progress, Exception? Thrown, List<string> Warnings)
    {
        public List<T> Objects<T>() => Output.Select(o => o.BaseObject).OfType<T>().ToList();

        /// <summary>The error written or thrown, whichever there is.</summary>
        public ErrorRecord SingleError()
        {
            if (Thrown is IContainsErrorRecord withRecord)
            {
                return withRecord.ErrorRecord;
            }

            return Errors.Single();
        }
    }
}
