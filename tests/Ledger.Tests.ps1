# The runbook job: Export-, Import- and Measure-PmNegativeBalanceInterest, in a real pwsh
# against the emulator process, as a scheduled runbook runs them.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-PmModulePath) -Force

    $script:Emulator = Start-PmEmulator -ArgumentList '--stress', '--seed', '21', '--start', '2025-01-01', '--days', '100', '--tie-order', 'shuffled', '--weight-limit', '100000000'
    $script:From = [datetime]::new(2025, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
    $script:To = [datetime]::new(2025, 4, 10, 23, 0, 0, [DateTimeKind]::Utc)
    $script:Header = 'InterestAccruedTime,Asset,Interest,InterestRate,Principal'
    $script:Invariant = [cultureinfo]::InvariantCulture

    function Get-HmacKey([object] $Server) {
        # Every emulator process generates its own keys into its key folder.
        Get-Content -LiteralPath (Join-Path $Server.KeyDir 'hmac.json') -Raw | ConvertFrom-Json
    }

    function Connect-Emulator {
        param([object] $To = $Emulator)
        $key = Get-HmacKey $To
        Connect-PmAccount -ApiKey $key.apiKey -ApiSecret (ConvertTo-SecureString $key.secret -AsPlainText -Force) -BaseUri $To.Url -WeightLimit 100000000 -SkipCheck
    }

    function Get-Records {
        # The emulator's ground truth for an inclusive range, as raw rows (amounts as Binance sends them).
        param([object] $From = $From, [object] $To = $To, [object] $Server = $Emulator)
        $fromMs = [DateTimeOffset]::new($From).ToUnixTimeMilliseconds()
        $toMs = [DateTimeOffset]::new($To).ToUnixTimeMilliseconds()
        Get-PmEmulatorRecords $Server | Where-Object { $_.interestAccruedTime -ge $fromMs -and $_.interestAccruedTime -le $toMs }
    }

    function ConvertTo-LedgerText {
        # The ledger Binance's records must give, built here independently of the module: rows
        # oldest first, one instant's rows by asset then amounts (ordinal), LF, no BOM.
        param([object[]] $Rows)
        $keys = [string[]]::new($Rows.Count)
        $lines = [string[]]::new($Rows.Count)
        for ($i = 0; $i -lt $Rows.Count; $i++) {
            $r = $Rows[$i]
            $time = [DateTimeOffset]::FromUnixTimeMilliseconds([long] $r.interestAccruedTime).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", $Invariant)
            $keys[$i] = '{0:D15}{1}{2}{1}{3}{1}{4}{1}{5}' -f [long] $r.interestAccruedTime, [char] 0, $r.asset, $r.interest, $r.interestRate, $r.principal
            $lines[$i] = "$time,$($r.asset),$($r.interest),$($r.interestRate),$($r.principal)"
        }
        [Array]::Sort($keys, $lines, [System.StringComparer]::Ordinal)
        $Header + "`n" + (($lines | ForEach-Object { $_ + "`n" }) -join '')
    }

    function Read-Ledger([string] $Path) {
        [System.Text.Encoding]::UTF8.GetString([System.IO.File]::ReadAllBytes($Path))
    }

    function Start-ChildExport {
        # A second pwsh that runs Export-PmNegativeBalanceInterest as a runbook would; returns the process.
        param([string] $Path, [object] $Server, [hashtable] $Environment = @{}, [string] $Extra = '', [string] $Culture = '')
        $script = @"
`$ErrorActionPreference = 'Stop'
$(if ($Culture) { "[cultureinfo]::CurrentCulture = '$Culture'; [cultureinfo]::CurrentUICulture = '$Culture'" })
Import-Module '$((Get-PmModulePath) -replace "'", "''")'
Connect-PmAccount -ApiKey `$env:T_KEY -ApiSecret (ConvertTo-SecureString `$env:T_SECRET -AsPlainText -Force) -BaseUri `$env:T_URL -WeightLimit 100000000 -SkipCheck
try {
    `$s = Export-PmNegativeBalanceInterest -Path '$($Path -replace "'", "''")' -StartTime '2025-01-01T00:00:00Z' -EndTime '$($To.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", $Invariant))' $Extra
    'ADDED=' + `$s.Added
}
catch { 'ERROR=' + `$_.FullyQualifiedErrorId; exit 3 }
"@
        $info = [System.Diagnostics.ProcessStartInfo]::new()
        $info.FileName = [Environment]::ProcessPath
        $entry = [System.Reflection.Assembly]::GetEntryAssembly().Location
        if ([System.IO.Path]::GetFileNameWithoutExtension($info.FileName) -eq 'dotnet') { $info.ArgumentList.Add($entry) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-Command', $script) { $info.ArgumentList.Add($a) }
        $info.UseShellExecute = $false
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $key = Get-HmacKey $Server
        $info.Environment['T_KEY'] = $key.apiKey
        $info.Environment['T_SECRET'] = $key.secret
        $info.Environment['T_URL'] = [string] $Server.Url
        $info.Environment['NO_COLOR'] = '1'
        foreach ($name in $Environment.Keys) { $info.Environment[$name] = [string] $Environment[$name] }
        [System.Diagnostics.Process]::Start($info)
    }

    function Wait-Child([System.Diagnostics.Process] $Process, [int] $Seconds = 120) {
        $out = $Process.StandardOutput.ReadToEndAsync()
        $err = $Process.StandardError.ReadToEndAsync()
        if (-not $Process.WaitForExit($Seconds * 1000)) { $Process.Kill($true); throw "the child pwsh did not finish in $Seconds s" }
        [pscustomobject]@{ ExitCode = $Process.ExitCode; Output = $out.Result; Error = $err.Result }
    }

    $script:AllRows = @(Get-Records)
    $script:Expected = ConvertTo-LedgerText $AllRows
}

AfterAll {
    Disconnect-PmAccount
    $Emulator | Stop-PmEmulator
}

Describe 'Export-PmNegativeBalanceInterest' {
    BeforeEach {
        Connect-Emulator
        $script:Ledger = Join-Path $TestDrive ("ledger-{0}.csv" -f [guid]::NewGuid().ToString('N').Substring(0, 8))
    }

    It 'writes the fixed ledger format, equal to the emulator''s records, and a summary' {
        $summary = Export-PmNegativeBalanceInterest -Path $Ledger -StartTime $From -EndTime $To

        $bytes = [System.IO.File]::ReadAllBytes($Ledger)
        $bytes[0..2] | Should -Not -Be @(0xEF, 0xBB, 0xBF)
        Read-Ledger $Ledger | Should -BeExactly $Expected
        $summary.Added | Should -Be $AllRows.Count
        $summary.Rows | Should -Be $AllRows.Count
        $summary.Path | Should -Be $Ledger
        $summary.From | Should -Be $From
        $summary.To | Should -Be $To
        $summary.Requests | Should -BeGreaterThan 0
        $summary.Watermark | Should -Be '2025-04-10T23:00:00.000Z;PortfolioMarginPro;*'
        $summary.Scope | Should -Be 'PortfolioMarginPro;*'
    }

    It 'keeps the scope in a file beside the ledger, and the ledger stays a plain CSV' {
        $null = Export-PmNegativeBalanceInterest -Path $Ledger -StartTime $From -EndTime $To -Asset usdt, BTC

        [System.IO.File]::ReadAllText("$Ledger.scope") | Should -BeExactly "PortfolioMarginPro;BTC,USDT`n"
        Read-Ledger $Ledger | Should -BeExactly (ConvertTo-LedgerText @($AllRows | Where-Object asset -in 'BTC', 'USDT'))
        @(Import-Csv -LiteralPath $Ledger).Count | Should -Be @($AllRows | Where-Object asset -in 'BTC', 'USDT').Count
        { Export-PmNegativeBalanceInterest -Path $Ledger -EndTime $To -ErrorAction Stop } |
            Should -Throw -ErrorId 'LedgerScopeMismatch,PmInterest.Commands.ExportPmNegativeBalanceInterestCommand'
    }

    It 'runs example 2 of its help and says what it did when nothing is new' {
        $null = Export-PmNegativeBalanceInterest -Path (Join-Path $TestDrive 'interest-ledger.csv') -StartTime $From
        $example = (Get-Help Export-PmNegativeBalanceInterest -Examples).examples.example |
            Where-Object { $_.title -match 'Example 2:' }
        Push-Location -LiteralPath $TestDrive
        try { $output = @(& ([scriptblock]::Create($example.code)) | Out-String -Stream | Where-Object { $_.Trim() }) }
        finally { Pop-Location }

        ($output -join "`n") | Should -BeExactly "0 records added, $(@(Get-PmEmulatorRecords $Emulator).Count) in the ledger" -Because ($output -join "`n")
    }

    It 'builds in three runs with growing -EndTime exactly what one run builds' {
        $once = Join-Path $TestDrive 'once.csv'
        $null = Export-PmNegativeBalanceInterest -Path $once -StartTime $From -EndTime $To

        $added = 0
        foreach ($end in $From.AddDays(17).AddMinutes(1), $From.AddDays(61).AddHours(5), $To) {
            $added += (Export-PmNegativeBalanceInterest -Path $Ledger -StartTime $From -EndTime $end).Added
        }

        Read-Ledger $Ledger | Should -BeExactly (Read-Ledger $once)
        Read-Ledger $Ledger | Should -BeExactly $Expected
        $added | Should -Be $AllRows.Count
    }

    It 'adds nothing and asks only for the last instant when run again' {
        $null = Export-PmNegativeBalanceInterest -Path $Ledger -StartTime $From -EndTime $To
        $before = Read-Ledger $Ledger

        $again = Export-PmNegativeBalanceInterest -Path $Ledger -StartTime $From -EndTime $To

        $again.Added | Should -Be 0
        $again.Requests | Should -Be 1
        $again.From | Should -Be ($AllRows | Sort-Object interestAccruedTime | Select-Object -Last 1 | ForEach-Object { [DateTimeOffset]::FromUnixTimeMilliseconds($_.interestAccruedTime).UtcDateTime })
        Read-Ledger $Ledger | Should -BeExactly $before
    }

    It 'fetches exactly what is new after a watermark, for hosts that keep no files' {
        $parts = @()
        $watermark = $null
        foreach ($end in $From.AddDays(30), $From.AddDays(30), $From.AddDays(75).AddMilliseconds(1), $To) {
            $file = Join-Path $TestDrive ("part-{0}.csv" -f $parts.Count)
            $arguments = @{ Path = $file; StartTime = $From; EndTime = $end }
            if ($watermark) { $arguments.After = $watermark }
            $summary = Export-PmNegativeBalanceInterest @arguments
            $watermark = $summary.Watermark
            $parts += , @((Read-Ledger $file) -split "`n" | Select-Object -Skip 1 | Where-Object { $_ })
        }

        $joined = $Header + "`n" + (($parts | ForEach-Object { $_ }) -join "`n") + "`n"
        $joined | Should -BeExactly $Expected
    }

    It 'passes the records it added down the pipeline, then the summary, with -PassThru' {
        $output = @(Export-PmNegativeBalanceInterest -Path $Ledger -StartTime $From -EndTime $From.AddDays(3) -PassThru)

        $records = @($output | Where-Object { $_ -is [PmInterest.NegativeBalanceInterest] })
        $records.Count | Should -Be ($output.Count - 1)
        $output[-1].Added | Should -Be $records.Count
        $records.Count | Should -Be @(Get-Records -To $From.AddDays(3)).Count
        @($records.InterestAccruedTime) | Should -Be @($records.InterestAccruedTime | Sort-Object)
    }

    It 'gives the same bytes under de-DE and under TZ=America/New_York as under the invariant culture and UTC' {
        $reference = Join-Path $TestDrive 'utc.csv'
        $null = Export-PmNegativeBalanceInterest -Path $reference -StartTime '2025-01-01T00:00:00Z' -EndTime $To

        $german = Join-Path $TestDrive 'de.csv'
        $york = Join-Path $TestDrive 'ny.csv'
        $childA = Start-ChildExport -Path $german -Server $Emulator -Culture 'de-DE'
        $childB = Start-ChildExport -Path $york -Server $Emulator -Environment @{ TZ = 'America/New_York' } -Culture 'en-US'
        $a = Wait-Child $childA
        $b = Wait-Child $childB

        $a.ExitCode | Should -Be 0 -Because ($a.Output + $a.Error)
        $b.ExitCode | Should -Be 0 -Because ($b.Output + $b.Error)
        [System.IO.File]::ReadAllBytes($german) | Should -Be ([System.IO.File]::ReadAllBytes($reference))
        [System.IO.File]::ReadAllBytes($york) | Should -Be ([System.IO.File]::ReadAllBytes($reference))
    }

    It 'refuses a file that is not a ledger and leaves it untouched: <Case>' -ForEach @(
        @{ Case = 'another header'; Text = "Date,Asset,Interest`n2025-01-01,USDT,1`n" }
        @{ Case = 'a row that does not parse'; Text = "InterestAccruedTime,Asset,Interest,InterestRate,Principal`n2025-01-01T00:00:00.000Z,USDT,1.5,0.0001,100`n2025-01-01 01:00,USDT,x,0.0001,100`n" }
        @{ Case = 'rows out of order'; Text = "InterestAccruedTime,Asset,Interest,InterestRate,Principal`n2025-01-02T00:00:00.000Z,USDT,1.5,0.0001,100`n2025-01-01T00:00:00.000Z,USDT,1.5,0.0001,100`n" }
        @{ Case = 'an Export-Csv file'; Text = "`"InterestAccruedTime`",`"Asset`"`n`"1/1/2025 00:00:00`",`"USDT`"`n" }
    ) {
        [System.IO.File]::WriteAllText($Ledger, $Text)
        $before = [System.IO.File]::ReadAllBytes($Ledger)
        $stamp = (Get-Item -LiteralPath $Ledger).LastWriteTimeUtc

        { Export-PmNegativeBalanceInterest -Path $Ledger -StartTime $From -EndTime $To -ErrorAction Stop } |
            Should -Throw -ErrorId 'LedgerInvalid,PmInterest.Commands.ExportPmNegativeBalanceInterestCommand'

        [System.IO.File]::ReadAllBytes($Ledger) | Should -Be $before
        (Get-Item -LiteralPath $Ledger).LastWriteTimeUtc | Should -Be $stamp
    }

    It 'repairs a torn last line and goes on with no gap and no duplicate' {
        $null = Export-PmNegativeBalanceInterest -Path $Ledger -StartTime $From -EndTime $From.AddDays(40)
        $text = Read-Ledger $Ledger
        $lastRow = ($text.TrimEnd("`n") -split "`n")[-1]
        [System.IO.File]::WriteAllText($Ledger, $text.Substring(0, $text.Length - $lastRow.Length - 1) + $lastRow.Substring(0, 20))

        $summary = Export-PmNegativeBalanceInterest -Path $Ledger -StartTime $From -EndTime $To -WarningVariable warned -WarningAction SilentlyContinue

        $warned | Should -Not -BeNullOrEmpty
        Read-Ledger $Ledger | Should -BeExactly $Expected
        $summary.Rows | Should -Be $AllRows.Count
    }

    It 'never interleaves two runs on one file: the second waits, then fails clearly' {
        $slow = Start-PmEmulator -ArgumentList '--stress', '--seed', '21', '--start', '2025-01-01', '--days', '100', '--weight-limit', '100000000', '--latency-ms', '250'
        try {
            $first = Start-ChildExport -Path $Ledger -Server $slow
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not (Test-Path -LiteralPath $Ledger) -or (Get-Item -LiteralPath $Ledger).Length -lt 200) {
                if ([DateTime]::UtcNow -gt $deadline) { throw 'the first run never started writing' }
                Start-Sleep -Milliseconds 50
            }

            $waited = [System.Diagnostics.Stopwatch]::StartNew()
            { Export-PmNegativeBalanceInterest -Path $Ledger -StartTime $From -EndTime $To -LockTimeoutSec 1 -ErrorAction Stop } |
                Should -Throw -ErrorId 'LedgerLocked,PmInterest.Commands.ExportPmNegativeBalanceInterestCommand'
            $waited.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.9

            $result = Wait-Child $first
            $result.ExitCode | Should -Be 0 -Because ($result.Output + $result.Error)
            Read-Ledger $Ledger | Should -BeExactly $Expected
        }
        finally { $slow | Stop-PmEmulator }
    }

    It 'leaves whole rows when killed mid-write, and the next run completes the exact ledger' {
        $slow = Start-PmEmulator -ArgumentList '--stress', '--seed', '21', '--start', '2025-01-01', '--days', '100', '--weight-limit', '100000000', '--latency-ms', '100'
        try {
            foreach ($size in 2000, 40000) {
                $child = Start-ChildExport -Path $Ledger -Server $slow
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                while (-not (Test-Path -LiteralPath $Ledger) -or (Get-Item -LiteralPath $Ledger).Length -lt $size) {
                    if ([DateTime]::UtcNow -gt $deadline -or $child.HasExited) { break }
                    Start-Sleep -Milliseconds 5
                }
                $child.Kill($true)
                $child.WaitForExit()
            }
            $partial = Read-Ledger $Ledger
            $partial.Length | Should -BeLessThan $Expected.Length

            $null = Export-PmNegativeBalanceInterest -Path $Ledger -StartTime $From -EndTime $To -WarningAction SilentlyContinue

            Read-Ledger $Ledger | Should -BeExactly $Expected
        }
        finally { $slow | Stop-PmEmulator }
    }

    It 'refuses a watermark it did not write' {
        { Export-PmNegativeBalanceInterest -Path $Ledger -After 'yesterday' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidWatermark,PmInterest.Commands.ExportPmNegativeBalanceInterestCommand'
        Test-Path -LiteralPath $Ledger | Should -BeFalse
    }
}

Describe 'Records published late' {
    BeforeAll {
        # Minute accruals up to (and past) now, each published 150 s after its accrual time.
        $end = [datetime]::UtcNow.AddMinutes(10).ToString('o', [cultureinfo]::InvariantCulture)
        $script:Late = Start-PmEmulator -ArgumentList '--stress', '--seed', '5', '--end', $end, '--days', '1', '--interval-minutes', '1', '--publish-delay-ms', '150000', '--weight-limit', '100000000'
    }
    AfterAll { $Late | Stop-PmEmulator }

    It 'are in the ledger: the run stops a settling margin before now, so it never covers what is still unpublished' {
        Connect-Emulator -To $Late
        $path = Join-Path $TestDrive 'late.csv'

        $summary = Export-PmNegativeBalanceInterest -Path $path -StartTime ([datetime]::UtcNow.AddHours(-3)) -SettlingMinutes 3

        $summary.To | Should -BeLessThan ([datetime]::UtcNow.AddMinutes(-2.9))
        Read-Ledger $path | Should -BeExactly (ConvertTo-LedgerText @(Get-Records -From $summary.From -To $summary.To -Server $Late))
    }

    It 'would be missed by a run without the margin (what the knob is for)' {
        Connect-Emulator -To $Late
        $path = Join-Path $TestDrive 'late0.csv'

        $summary = Export-PmNegativeBalanceInterest -Path $path -StartTime ([datetime]::UtcNow.AddHours(-3)) -SettlingMinutes 0

        $all = @(Get-Records -From $summary.From -To $summary.To -Server $Late)
        (Get-Content -LiteralPath $path).Count - 1 | Should -BeLessThan $all.Count
    }
}

Describe 'Import-PmNegativeBalanceInterest and Measure-PmNegativeBalanceInterest' {
    BeforeAll {
        Connect-Emulator
        $script:Full = Join-Path $TestDrive 'full.csv'
        $null = Export-PmNegativeBalanceInterest -Path $Full -StartTime $From -EndTime $To
    }

    It 'reads the ledger back as typed, exact records under <Culture>' -ForEach @(@{ Culture = 'de-DE' }, @{ Culture = 'tr-TR' }, @{ Culture = 'en-US' }) {
        $saved = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = $Culture
            $records = @(Import-PmNegativeBalanceInterest -Path $Full)
        }
        finally { [cultureinfo]::CurrentCulture = $saved }

        $records.Count | Should -Be $AllRows.Count
        $records[0] | Should -BeOfType ([PmInterest.NegativeBalanceInterest])
        $records[0].InterestAccruedTime.Kind | Should -Be 'Utc'
        # Every record's text, compared as one sorted list: exact amounts, scale kept, times in UTC.
        $got = [string[]] @($records | ForEach-Object {
                '{0}|{1}|{2}|{3}|{4}' -f [DateTimeOffset]::new($_.InterestAccruedTime).ToUnixTimeMilliseconds(), $_.Asset, $_.Interest.ToString($Invariant), $_.InterestRate.ToString($Invariant), $_.Principal.ToString($Invariant)
            })
        $want = [string[]] @($AllRows | ForEach-Object { '{0}|{1}|{2}|{3}|{4}' -f $_.interestAccruedTime, $_.asset, $_.interest, $_.interestRate, $_.principal })
        [Array]::Sort($got, [System.StringComparer]::Ordinal)
        [Array]::Sort($want, [System.StringComparer]::Ordinal)
        ($got -join "`n") | Should -BeExactly ($want -join "`n")
        @($records | Where-Object Interest -gt 1).Count | Should -Be @($AllRows | Where-Object { [decimal]::Parse($_.interest, $Invariant) -gt 1 }).Count
    }

    It 'totals to the last digit, per <By>' -ForEach @(
        @{ By = @('Asset', 'Month'); Key = { param($r, $t) '{0}|{1:yyyy-MM}' -f $r.asset, $t } }
        @{ By = @('Asset', 'Day'); Key = { param($r, $t) '{0}|{1:yyyy-MM-dd}' -f $r.asset, $t } }
        @{ By = @('Asset'); Key = { param($r, $t) '{0}|' -f $r.asset } }
        @{ By = @('Asset', 'Year'); Key = { param($r, $t) '{0}|{1:yyyy}' -f $r.asset, $t } }
    ) {
        $expected = @{}
        foreach ($r in $AllRows) {
            $t = [DateTimeOffset]::FromUnixTimeMilliseconds($r.interestAccruedTime).UtcDateTime
            $k = & $Key $r $t
            $expected[$k] = [decimal]::Add($(if ($expected.ContainsKey($k)) { $expected[$k] } else { [decimal] 0 }), [decimal]::Parse($r.interest, $Invariant))
        }

        $totals = @(Import-PmNegativeBalanceInterest -Path $Full | Measure-PmNegativeBalanceInterest -By $By)

        $totals.Count | Should -Be $expected.Count
        foreach ($t in $totals) {
            $t | Should -BeOfType ([PmInterest.InterestTotal])
            $k = '{0}|{1}' -f $t.Asset, $t.Period
            $t.Interest.ToString($Invariant) | Should -BeExactly $expected[$k].ToString($Invariant) -Because $k
        }
        ($totals | Measure-Object Count -Sum).Sum | Should -Be $AllRows.Count
    }

    It 'gives the same totals from Get as from Import, and one warned total without -By' {
        $fromGet = Get-PmNegativeBalanceInterest -StartTime $From -EndTime $To | Measure-PmNegativeBalanceInterest -By Asset, Month
        $fromImport = Import-PmNegativeBalanceInterest -Path $Full | Measure-PmNegativeBalanceInterest -By Asset, Month
        ($fromGet | ForEach-Object { "$($_.Asset) $($_.Period) $($_.Count) $($_.Interest)" }) |
            Should -Be ($fromImport | ForEach-Object { "$($_.Asset) $($_.Period) $($_.Count) $($_.Interest)" })

        $one = Import-PmNegativeBalanceInterest -Path $Full | Measure-PmNegativeBalanceInterest -WarningVariable mixed -WarningAction SilentlyContinue
        @($one).Count | Should -Be 1
        $one.Count | Should -Be $AllRows.Count
        $one.Asset | Should -BeNullOrEmpty
        $one.AssetCount | Should -BeGreaterThan 1
        $mixed | Should -Not -BeNullOrEmpty
    }

    It 'adds an AnnualizedRate, the daily rate times 365, shown in the list view' {
        $r = Import-PmNegativeBalanceInterest -Path $Full | Select-Object -First 1
        $r.AnnualizedRate | Should -Be ($r.InterestRate * 365)
        ($r | Format-List | Out-String) | Should -Match 'AnnualizedRate'
    }

    It 'refuses a missing file with LedgerNotFound' {
        { Import-PmNegativeBalanceInterest -Path (Join-Path $TestDrive 'none.csv') -ErrorAction Stop } |
            Should -Throw -ErrorId 'LedgerNotFound,PmInterest.Commands.ImportPmNegativeBalanceInterestCommand'
    }
}
