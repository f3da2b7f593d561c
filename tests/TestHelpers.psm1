<#
    Helpers the Pester tests share.

    build.ps1 -Task Test runs Pester in a child PowerShell with
      PMINTEREST_MODULE_PATH        the built module manifest (out/PmInterest/PmInterest.psd1)
      PMINTEREST_EMULATOR_DLL       the built emulator (tests/PmInterest.Emulator/bin/<cfg>/net10.0/PmInterest.Emulator.dll)
      PMINTEREST_REPOSITORY         the folder with the module's .nupkg (out/repository)
      PMINTEREST_MODULE_ZIP         the Azure Automation zip (out/PmInterest.zip)
      PMINTEREST_OTHER_BOUNCYCASTLE another BouncyCastle.Cryptography.dll than the module's (tests/tools/TestTools.csproj)

    Typical use:

        BeforeAll {
            Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
            Import-Module (Get-PmModulePath) -Force
            $emulator = Start-PmEmulator -ArgumentList '--stress', '--seed', '7', '--days', '30'
        }
        AfterAll { $emulator | Stop-PmEmulator }

    Functions
      Get-PmModulePath         PMINTEREST_MODULE_PATH, checked
      Get-PmBuildOutput        -Name Repository, ModuleZip or OtherBouncyCastle: the other variables, checked
      Invoke-PmChildPowerShell runs a script block in a fresh PowerShell process (optionally with a
                               home folder of its own) and returns its output, through JSON
      Get-PmRepositoryRoot     the repository root
      Get-PmRepositoryVersion  <Version> of Directory.Build.props
      Start-PmEmulator         starts the emulator with a fresh --key-dir; returns Url, BaseUri,
                               KeyDir, Process, LogPath, WorkDirectory and a Stop() method
      Stop-PmEmulator          kills it (process tree) and removes its temporary folder
      Get-PmEmulatorStats      GET  /_emulator/stats
      Get-PmEmulatorRecords    GET  /_emulator/records[?asset=..]
      Reset-PmEmulator         POST /_emulator/reset
    An emulator still running when PowerShell exits is killed then.
#>

Set-StrictMode -Version Latest

# Reads an emulator's output on .NET's own (background) threads: every line into a log file,
# the first lines also into a queue for the start-up handshake, standard error also into
# memory for error messages. Never a blocked pipe, nothing that keeps PowerShell from
# exiting, and whatever emulator is still running when the process exits is killed.
if (-not ('PmInterest.TestSupport.EmulatorPump' -as [type])) {
    Add-Type -TypeDefinition @'
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;

namespace PmInterest.TestSupport
{
    public sealed class EmulatorPump
    {
        private static readonly object RunningLock = new object();
        private static readonly HashSet<EmulatorPump> Running = new HashSet<EmulatorPump>();

        static EmulatorPump()
        {
            AppDomain.CurrentDomain.ProcessExit += (sender, args) => KillAll();
        }

        private readonly object _logLock = new object();
        private readonly StreamWriter _log;
        private bool _logOpen = true;
        private readonly StringBuilder _stderr = new StringBuilder();
        private volatile bool _forward = true;
        private int _openStreams = 2;

        public EmulatorPump(Process process, string logPath, string workDirectory)
        {
            Process = process;
            WorkDirectory = workDirectory;
            _log = new StreamWriter(logPath, false, new UTF8Encoding(false)) { AutoFlush = true };
            lock (RunningLock) { Running.Add(this); }
            process.OutputDataReceived += OnOutput;
            process.ErrorDataReceived += OnError;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; private set; }

        /// <summary>Removed when the process exits with the emulator still running.</summary>
        public string WorkDirectory { get; private set; }

        public BlockingCollection<string> Lines { get; } = new BlockingCollection<string>();

        public string StandardError { get { lock (_stderr) { return _stderr.ToString(); } } }

        public void StopForwarding() { _forward = false; }

        /// <summary>Kills the process tree; true when it has exited and its output is read to the end.</summary>
        public bool Kill(int timeoutMilliseconds)
        {
            try
            {
                if (!Process.HasExited) { Process.Kill(true); }
            }
            catch (InvalidOperationException) { }
            catch (System.ComponentModel.Win32Exception) { }
            bool exited = Process.WaitForExit(timeoutMilliseconds);
            if (exited) { Process.WaitForExit(); }
            lock (RunningLock) { Running.Remove(this); }
            return exited;
        }

        /// <summary>Kills every emulator still running and removes its temporary folder.</summary>
        public static void KillAll()
        {
            EmulatorPump[] all;
            lock (RunningLock) { all = new EmulatorPump[Running.Count]; Running.CopyTo(all); Running.Clear(); }
            foreach (EmulatorPump pump in all)
            {
                try
                {
                    if (!pump.Process.HasExited) { pump.Process.Kill(true); }
                    pump.Process.WaitForExit(2000);
                }
                catch (Exception) { }
                try { Directory.Delete(pump.WorkDirectory, true); } catch (Exception) { }
            }
        }

        private void OnOutput(object sender, DataReceivedEventArgs e)
        {
            if (e.Data == null) { Lines.CompleteAdding(); StreamClosed(); return; }
            WriteLog(e.Data);
            if (_forward)
            {
                try { Lines.Add(e.Data); } catch (InvalidOperationException) { }
            }
        }

        private void OnError(object sender, DataReceivedEventArgs e)
        {
            if (e.Data == null) { StreamClosed(); return; }
            WriteLog("[stderr] " + e.Data);
            lock (_stderr) { if (_stderr.Length < 65536) { _stderr.AppendLine(e.Data); } }
        }

        private void WriteLog(string line)
        {
            lock (_logLock) { if (_logOpen) { _log.WriteLine(line); } }
        }

        private void StreamClosed()
        {
            if (Interlocked.Decrement(ref _openStreams) == 0)
            {
                lock (_logLock) { _logOpen = false; _log.Dispose(); }
            }
        }
    }
}
'@
}

function Get-PmRepositoryRoot {
    <# The repository root (the parent of tests/). #>
    Split-Path -Parent $PSScriptRoot
}

function Get-PmRepositoryVersion {
    <# <Version> from Directory.Build.props: the one version number of the module. #>
    [CmdletBinding()]
    param()
    $props = Join-Path (Get-PmRepositoryRoot) 'Directory.Build.props'
    [xml] $xml = Get-Content -LiteralPath $props -Raw
    $node = $xml.SelectSingleNode("/*[local-name()='Project']/*[local-name()='PropertyGroup']/*[local-name()='Version']")
    if (-not $node) { throw "$props has no <Version>." }
    $node.InnerText.Trim()
}

function Get-PmModulePath {
    <# The built module's manifest, from PMINTEREST_MODULE_PATH; a clear error when it is not there. #>
    [CmdletBinding()]
    param()
    $path = $env:PMINTEREST_MODULE_PATH
    if (-not $path) {
        throw "PMINTEREST_MODULE_PATH is not set. Run the tests with 'dotnet pwsh -NoProfile -File ./build.ps1 -Task Test', or build (-Task Build) and set it to out/PmInterest/PmInterest.psd1."
    }
    if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
        throw "PMINTEREST_MODULE_PATH is '$path', which does not exist. Build the module first (build.ps1 -Task Build)."
    }
    $path
}

function Get-PmBuildOutput {
    <# A path build.ps1 -Task Test passes in an environment variable; a clear error when it is not there. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [ValidateSet('Repository', 'ModuleZip', 'OtherBouncyCastle')]
        [string] $Name
    )
    $variable = @{ Repository = 'PMINTEREST_REPOSITORY'; ModuleZip = 'PMINTEREST_MODULE_ZIP'; OtherBouncyCastle = 'PMINTEREST_OTHER_BOUNCYCASTLE' }[$Name]
    $path = [Environment]::GetEnvironmentVariable($variable)
    if (-not $path) {
        throw "$variable is not set. Run the tests with 'dotnet pwsh -NoProfile -File ./build.ps1 -Task Test', which packages the module and restores the test tools."
    }
    if (-not (Test-Path -LiteralPath $path)) {
        throw "$variable is '$path', which does not exist. Run 'build.ps1 -Task Package' (or -Task Test) first."
    }
    $path
}

function Invoke-PmChildPowerShell {
    <#
    .SYNOPSIS
        Runs a script block in a fresh PowerShell process and returns what it returns.
    .DESCRIPTION
        The child is this PowerShell (its pwsh.dll under dotnet), started with -NoProfile and no
        PSModulePath of ours, so it sees only what it loads itself. Parameters go in and output
        comes back through JSON (depth 6): return plain data. A terminating error, a non-zero exit
        or a time-out throws with the child's output.
        With -HomeDirectory, HOME and the XDG folders (and on Windows LOCALAPPDATA and APPDATA)
        point there: PSResourceGet's repositories and CurrentUser modules then live in it, and the
        user's own are neither seen nor touched.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][scriptblock] $ScriptBlock,
        [hashtable] $Parameters = @{},
        [string] $HomeDirectory,
        [ValidateRange(1, 600)][int] $TimeoutSeconds = 180
    )
    $work = Join-Path ([System.IO.Path]::GetTempPath()) ('pminterest-child-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    $null = New-Item -ItemType Directory -Path $work -Force
    try {
        $scriptPath = Join-Path $work 'child.ps1'
        $parametersPath = Join-Path $work 'parameters.json'
        $resultPath = Join-Path $work 'result.json'
        Set-Content -LiteralPath $scriptPath -Encoding utf8 -Value @"
param([string] `$ParametersPath, [string] `$ResultPath)
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
`$parameters = Get-Content -LiteralPath `$ParametersPath -Raw | ConvertFrom-Json -AsHashtable
`$result = @(& {
$ScriptBlock
} @parameters)
ConvertTo-Json -InputObject `$result -Depth 6 | Set-Content -LiteralPath `$ResultPath -Encoding utf8
"@
        ConvertTo-Json -InputObject $Parameters -Depth 6 | Set-Content -LiteralPath $parametersPath -Encoding utf8

        $startInfo = [System.Diagnostics.ProcessStartInfo]::new()
        $startInfo.FileName = Get-DotNetHostPath
        foreach ($argument in (Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-File', $scriptPath, '-ParametersPath', $parametersPath, '-ResultPath', $resultPath) {
            $startInfo.ArgumentList.Add($argument)
        }
        $startInfo.UseShellExecute = $false
        $startInfo.RedirectStandardOutput = $true
        $startInfo.RedirectStandardError = $true
        $startInfo.RedirectStandardInput = $true
        $startInfo.WorkingDirectory = $work
        $null = $startInfo.Environment.Remove('PSModulePath')
        $startInfo.Environment['NO_COLOR'] = '1'
        if ($HomeDirectory) {
            $null = New-Item -ItemType Directory -Path $HomeDirectory -Force
            $startInfo.Environment['HOME'] = $HomeDirectory
            $startInfo.Environment['XDG_DATA_HOME'] = Join-Path $HomeDirectory '.local/share'
            $startInfo.Environment['XDG_CONFIG_HOME'] = Join-Path $HomeDirectory '.config'
            $startInfo.Environment['XDG_CACHE_HOME'] = Join-Path $HomeDirectory '.cache'
            if ($IsWindows) {
                $startInfo.Environment['LOCALAPPDATA'] = Join-Path $HomeDirectory 'AppData/Local'
                $startInfo.Environment['APPDATA'] = Join-Path $HomeDirectory 'AppData/Roaming'
            }
        }

        $process = [System.Diagnostics.Process]::Start($startInfo)
        try {
            $process.StandardInput.Close()
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $stderr = $process.StandardError.ReadToEndAsync()
            if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
                $process.Kill($true)
                $null = $process.WaitForExit(10000)
                throw "The child PowerShell did not finish within $TimeoutSeconds s.`n$($stdout.Result)`n$($stderr.Result)"
            }
            $process.WaitForExit()
            if ($process.ExitCode -ne 0 -or -not (Test-Path -LiteralPath $resultPath)) {
                throw "The child PowerShell failed (exit code $($process.ExitCode)).`nStandard output:`n$($stdout.Result)`nStandard error:`n$($stderr.Result)"
            }
        }
        finally {
            $process.Dispose()
        }
        Get-Content -LiteralPath $resultPath -Raw | ConvertFrom-Json | ForEach-Object { $_ }
    }
    finally {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore
    }
}

function Get-DotNetHostPath {
    if ($env:DOTNET_HOST_PATH -and (Test-Path -LiteralPath $env:DOTNET_HOST_PATH -PathType Leaf)) {
        return $env:DOTNET_HOST_PATH
    }
    $self = [Environment]::ProcessPath
    if ($self -and [System.IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') {
        return $self
    }
    $command = Get-Command -Name 'dotnet' -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if ($command) { return $command.Source }
    throw "Cannot find 'dotnet' to run the emulator."
}

function Start-PmEmulator {
    <#
    .SYNOPSIS
        Starts the Binance emulator (dotnet $env:PMINTEREST_EMULATOR_DLL) and waits until it listens.
    .DESCRIPTION
        Always passes --key-dir with a fresh temporary folder (unless ArgumentList already has
        --key-dir). Waits for the line PMINTEREST_EMULATOR_URL=<url> on the emulator's standard
        output, and takes PMINTEREST_EMULATOR_KEYS=<dir> if it is the next line. Standard output and
        standard error are drained for the emulator's whole life into LogPath (stderr lines prefixed
        with [stderr]), so it never blocks on a full pipe. On failure or timeout the error carries
        the command line, the output seen so far and standard error.
        Returns an object with Url, BaseUri, KeyDir, Process, LogPath and a Stop() method; stop it
        with Stop-PmEmulator (or $emulator.Stop()).
    .PARAMETER ArgumentList
        More emulator arguments: --seed N, --days N, --latency-ms N, --fault-rate X,
        --weight-limit N, --weight-window-seconds N, ...
    #>
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)]
        [string[]] $ArgumentList = @(),

        [string] $EmulatorDll = $env:PMINTEREST_EMULATOR_DLL,

        [ValidateRange(1, 600)]
        [int] $TimeoutSeconds = 60
    )
    if (-not $EmulatorDll) {
        throw "PMINTEREST_EMULATOR_DLL is not set. Run the tests with 'dotnet pwsh -NoProfile -File ./build.ps1 -Task Test', or build tests/PmInterest.Emulator and set it to its PmInterest.Emulator.dll."
    }
    if (-not (Test-Path -LiteralPath $EmulatorDll -PathType Leaf)) {
        throw "The emulator '$EmulatorDll' does not exist. Build tests/PmInterest.Emulator first (build.ps1 -Task Test does)."
    }

    $workDir = Join-Path ([System.IO.Path]::GetTempPath()) ('pminterest-emulator-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    $null = New-Item -ItemType Directory -Path $workDir -Force
    $logPath = Join-Path $workDir 'emulator.log'

    $keyDirIndex = [array]::IndexOf([string[]] $ArgumentList, '--key-dir')
    if ($keyDirIndex -ge 0 -and $keyDirIndex + 1 -lt $ArgumentList.Count) {
        $keyDir = $ArgumentList[$keyDirIndex + 1]
        $ownsKeyDir = $false
        $arguments = @($ArgumentList)
    }
    else {
        $keyDir = Join-Path $workDir 'keys'
        $null = New-Item -ItemType Directory -Path $keyDir -Force
        $ownsKeyDir = $true
        $arguments = @('--key-dir', $keyDir) + @($ArgumentList)
    }

    $startInfo = [System.Diagnostics.ProcessStartInfo]::new()
    $startInfo.FileName = Get-DotNetHostPath
    $startInfo.ArgumentList.Add($EmulatorDll)
    foreach ($argument in $arguments) { $startInfo.ArgumentList.Add([string] $argument) }
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    # A pipe of our own as stdin: the emulator stops when it closes (when this process ends),
    # and never reads a terminal.
    $startInfo.RedirectStandardInput = $true
    $startInfo.StandardOutputEncoding = [System.Text.UTF8Encoding]::new($false)
    $startInfo.StandardErrorEncoding = [System.Text.UTF8Encoding]::new($false)
    $startInfo.WorkingDirectory = $workDir

    $commandLine = "$($startInfo.FileName) $EmulatorDll $($arguments -join ' ')"
    try {
        $process = [System.Diagnostics.Process]::Start($startInfo)
    }
    catch {
        Remove-Item -LiteralPath $workDir -Recurse -Force -ErrorAction Ignore
        throw "Cannot start the emulator ($commandLine): $($_.Exception.Message)"
    }
    $pump = [PmInterest.TestSupport.EmulatorPump]::new($process, $logPath, $workDir)
    $lines = $pump.Lines

    $emulator = [pscustomobject]@{
        PSTypeName    = 'PmInterest.Tests.Emulator'
        Url           = $null
        BaseUri       = $null
        KeyDir        = $keyDir
        Process       = $process
        LogPath       = $logPath
        WorkDirectory = $workDir
        CommandLine   = $commandLine
        Internal      = @{ Pump = $pump; OwnsKeyDir = $ownsKeyDir; Stopped = $false }
    }
    $emulator | Add-Member -MemberType ScriptMethod -Name Stop -Value { Stop-PmEmulator -Emulator $this }

    $seen = [System.Collections.Generic.List[string]]::new()
    try {
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
        $url = $null
        while (-not $url) {
            $remaining = [int] ($deadline - [DateTime]::UtcNow).TotalMilliseconds
            if ($remaining -le 0) {
                throw "did not print PMINTEREST_EMULATOR_URL=<url> within $TimeoutSeconds s"
            }
            $line = $null
            if ($lines.TryTake([ref] $line, [Math]::Min($remaining, 250))) {
                $seen.Add($line)
                if ($line -match '^\s*PMINTEREST_EMULATOR_URL=(?<url>\S+)\s*$') { $url = $Matches['url'] }
            }
            elseif ($lines.IsCompleted) {
                $null = $process.WaitForExit(5000)
                $code = if ($process.HasExited) { $process.ExitCode } else { '?' }
                throw "exited (code $code) before printing PMINTEREST_EMULATOR_URL=<url>"
            }
        }
        $emulator.Url = $url
        $emulator.BaseUri = [uri] $url

        # PMINTEREST_EMULATOR_KEYS=<dir> may follow on the next line; stop waiting for it as soon
        # as another line comes, the keys are on disk, or two seconds have passed.
        $keysDeadline = [DateTime]::UtcNow.AddSeconds(2)
        while ([DateTime]::UtcNow -lt $keysDeadline) {
            $line = $null
            if ($lines.TryTake([ref] $line, 50)) {
                $seen.Add($line)
                if ($line -match '^\s*PMINTEREST_EMULATOR_KEYS=(?<dir>.+?)\s*$') { $emulator.KeyDir = $Matches['dir'] }
                break
            }
            if ($lines.IsCompleted) { break }
            if ((Test-Path -LiteralPath (Join-Path $emulator.KeyDir 'keys.json')) -or
                (Test-Path -LiteralPath (Join-Path $emulator.KeyDir 'hmac.json'))) { break }
        }
        if ($process.HasExited) {
            throw "exited (code $($process.ExitCode)) right after printing its URL"
        }
    }
    catch {
        $reason = $_.Exception.Message
        Stop-PmEmulator -Emulator $emulator -KeepFiles
        $stderr = $pump.StandardError.Trim()
        $stdout = ($seen | Select-Object -Last 40) -join [Environment]::NewLine
        Remove-Item -LiteralPath $workDir -Recurse -Force -ErrorAction Ignore
        $message = "The emulator $reason.`nCommand: $commandLine"
        if ($stdout) { $message += "`nStandard output:`n$stdout" }
        $message += if ($stderr) { "`nStandard error:`n$stderr" } else { "`nStandard error: (empty)" }
        throw $message
    }
    finally {
        $pump.StopForwarding()
    }
    $emulator
}

function Stop-PmEmulator {
    <#
    .SYNOPSIS
        Kills an emulator from Start-PmEmulator (and its process tree) and removes its temporary folder.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipeline)]
        [AllowNull()]
        [object] $Emulator,

        # Keep the temporary folder (keys, emulator.log) for a look after a failure.
        [switch] $KeepFiles
    )
    process {
        if ($null -eq $Emulator) { return }
        $internal = $Emulator.Internal
        if ($internal.Stopped) { return }
        $internal.Stopped = $true

        $process = $Emulator.Process
        if (-not $internal.Pump.Kill(10000)) {
            Write-Warning "The emulator (process $($process.Id)) did not exit within 10 s of being killed."
        }
        $process.Dispose()

        if (-not $KeepFiles) {
            foreach ($attempt in 1..5) {
                try {
                    if (Test-Path -LiteralPath $Emulator.WorkDirectory) {
                        Remove-Item -LiteralPath $Emulator.WorkDirectory -Recurse -Force
                    }
                    break
                }
                catch {
                    # Windows may hold the files for a moment after the process ends.
                    if ($attempt -eq 5) { Write-Warning "Cannot remove $($Emulator.WorkDirectory): $($_.Exception.Message)" }
                    Start-Sleep -Milliseconds (100 * $attempt)
                }
            }
        }
    }
}

function Resolve-EmulatorUri {
    param([object] $Emulator, [string] $Url, [Parameter(Mandatory)][string] $RelativePath)
    $base = if ($Emulator) { [string] $Emulator.Url } else { $Url }
    if (-not $base) { throw 'Give -Emulator (from Start-PmEmulator) or -Url.' }
    if (-not $base.EndsWith('/')) { $base += '/' }
    [uri]::new([uri] $base, $RelativePath)
}

function Invoke-EmulatorRequest {
    param([Parameter(Mandatory)][uri] $Uri, [string] $Method = 'Get')
    # Invoke-RestMethod passes a JSON array on as one object; callers get its elements.
    $answer = Invoke-RestMethod -Uri $Uri -Method $Method -NoProxy -TimeoutSec 30
    $answer
}

function Get-PmEmulatorStats {
    <# GET /_emulator/stats: what the emulator counted (requests, weight, ...). #>
    [CmdletBinding(DefaultParameterSetName = 'Emulator')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ParameterSetName = 'Emulator')]
        [object] $Emulator,

        [Parameter(Mandatory, ParameterSetName = 'Url')]
        [string] $Url
    )
    process {
        Invoke-EmulatorRequest -Uri (Resolve-EmulatorUri -Emulator $Emulator -Url $Url -RelativePath '_emulator/stats')
    }
}

function Get-PmEmulatorRecords {
    <# GET /_emulator/records[?asset=..]: the emulator's ground truth, unsigned. #>
    [CmdletBinding(DefaultParameterSetName = 'Emulator')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ParameterSetName = 'Emulator')]
        [object] $Emulator,

        [Parameter(Mandatory, ParameterSetName = 'Url')]
        [string] $Url,

        [string] $Asset
    )
    process {
        $path = '_emulator/records'
        if ($Asset) { $path += '?asset=' + [uri]::EscapeDataString($Asset) }
        Invoke-EmulatorRequest -Uri (Resolve-EmulatorUri -Emulator $Emulator -Url $Url -RelativePath $path)
    }
}

function Reset-PmEmulator {
    <# POST /_emulator/reset. #>
    [CmdletBinding(DefaultParameterSetName = 'Emulator')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ParameterSetName = 'Emulator')]
        [object] $Emulator,

        [Parameter(Mandatory, ParameterSetName = 'Url')]
        [string] $Url
    )
    process {
        Invoke-EmulatorRequest -Uri (Resolve-EmulatorUri -Emulator $Emulator -Url $Url -RelativePath '_emulator/reset') -Method Post
    }
}

Export-ModuleMember -Function @(
    'Get-PmRepositoryRoot'
    'Get-PmRepositoryVersion'
    'Get-PmModulePath'
    'Get-PmBuildOutput'
    'Invoke-PmChildPowerShell'
    'Start-PmEmulator'
    'Stop-PmEmulator'
    'Get-PmEmulatorStats'
    'Get-PmEmulatorRecords'
    'Reset-PmEmulator'
)
