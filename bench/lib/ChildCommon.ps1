# Dot-sourced by the child scripts of Run-Benchmarks.ps1.

function Get-ChildMemory {
    <# After a full collection: the process's peak and current working set, VmHWM, the managed heap. #>
    [GC]::Collect()
    [GC]::WaitForPendingFinalizers()
    [GC]::Collect()
    $process = [System.Diagnostics.Process]::GetCurrentProcess()
    $process.Refresh()
    $hwm = $null
    if (Test-Path -LiteralPath '/proc/self/status') {
        # /proc/self is this process (Get-Content runs in it).
        $line = Get-Content -LiteralPath '/proc/self/status' | Where-Object { $_ -like 'VmHWM:*' } | Select-Object -First 1
        if ($line -match '(\d+)\s*kB') { $hwm = [long] $Matches[1] * 1024 }
    }
    [ordered]@{
        PeakWorkingSet = $process.PeakWorkingSet64
        WorkingSet     = $process.WorkingSet64
        VmHWM          = $hwm
        ManagedHeap    = [GC]::GetTotalMemory($false)
    }
}
