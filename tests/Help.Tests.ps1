#Requires -Version 7.2
<#
    Help and default views of the built module (PMINTEREST_MODULE_PATH, normally
    out/PmInterest/PmInterest.psd1, which holds PmInterest.format.ps1xml and en-US/):

    - every exported cmdlet has MAML help with a synopsis, a description, a description of
      every parameter (the paging parameters -First, -Skip and -IncludeTotalCount too), the
      numeric defaults the cmdlet really has, inputs, outputs, and several examples whose
      code parses and fits an 80-column console;
    - the runbook examples of Export-PmNegativeBalanceInterest are complete;
    - Get-Help about_PmInterest resolves once the module is imported, in lines under 80
      characters, and tells the whole story;
    - the default views of every output type fit an 80-column console, keep the scale of
      the amounts, show times in UTC whatever the culture, and show no secret.

    That the error ids of the help, the about topic and the README match the code is checked
    by the xunit test Documentation/ErrorIdDocumentationTests. Nothing here talks to Binance
    or to the emulator.
#>

BeforeDiscovery {
    # One set of help tests per exported cmdlet, taken from the manifest so that a cmdlet
    # added later is checked without editing this file.
    $script:CmdletCases = @(
        'Connect-PmAccount', 'Get-PmConnection', 'Disconnect-PmAccount', 'Get-PmNegativeBalanceInterest',
        'Export-PmNegativeBalanceInterest', 'Import-PmNegativeBalanceInterest', 'Measure-PmNegativeBalanceInterest', 'Add-PmInterestValue' |
            ForEach-Object { @{ Name = $_ } })
    $manifestPath = $env:PMINTEREST_MODULE_PATH
    if ($manifestPath -and (Test-Path -LiteralPath $manifestPath -PathType Leaf)) {
        $manifest = Import-PowerShellDataFile -LiteralPath $manifestPath
        $exported = @($manifest['CmdletsToExport'] | Where-Object { $_ -and $_ -notmatch '[*?]' })
        if ($exported.Count -gt 0) {
            $script:CmdletCases = @($exported | Sort-Object | ForEach-Object { @{ Name = $_ } })
        }
    }
}

BeforeAll {
    if (-not $env:PMINTEREST_MODULE_PATH -or -not (Test-Path -LiteralPath $env:PMINTEREST_MODULE_PATH -PathType Leaf)) {
        throw "PMINTEREST_MODULE_PATH ('$env:PMINTEREST_MODULE_PATH') does not name the built module manifest. Run 'dotnet pwsh -NoProfile -File ./build.ps1 -Task Test', or build and set it to out/PmInterest/PmInterest.psd1."
    }

    Import-Module $env:PMINTEREST_MODULE_PATH -Force

    $script:Invariant = [System.Globalization.CultureInfo]::InvariantCulture
    $script:NotDocumented = @(
        [System.Management.Automation.Cmdlet]::CommonParameters
        [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    )

    # Help objects have optional parts, and the test runner uses strict mode: read them
    # through PSObject.Properties.
    function Get-HelpPart {
        param($Object, [Parameter(Mandatory)][string] $Name)
        if ($null -eq $Object -or $Object -is [string]) { return }
        $property = $Object.PSObject.Properties[$Name]
        if ($property) { $property.Value }
    }

    # The text of a MAML description or remarks: paragraphs with a Text property.
    function Get-HelpText {
        param($Paragraphs)
        $text = foreach ($paragraph in @($Paragraphs)) {
            if ($paragraph -is [string]) { $paragraph } else { Get-HelpPart $paragraph 'Text' }
        }
        (@($text) -join ' ').Trim()
    }

    function Get-HelpExample {
        param([Parameter(Mandatory)] $Help)
        @(Get-HelpPart (Get-HelpPart $Help 'examples') 'example' | Where-Object { $null -ne $_ })
    }

    function Get-HelpParameter {
        param([Parameter(Mandatory)] $Help)
        @(Get-HelpPart (Get-HelpPart $Help 'parameters') 'parameter' | Where-Object { $null -ne $_ })
    }

    function ConvertTo-Decimal {
        param([Parameter(Mandatory)][string] $Text)
        # Not [decimal]'24.4440': PowerShell's conversion drops the trailing zero.
        [decimal]::Parse($Text, $Invariant)
    }

    function New-InterestRecord {
        param(
            [string] $Asset = 'USDT',
            [string] $Interest = '24.4440',
            [string] $InterestRate = '0.0001164',
            [string] $Principal = '210000',
            [datetime] $At = [datetime]::new(2025, 1, 1, 0, 0, 0, [System.DateTimeKind]::Utc)
        )
        [PmInterest.NegativeBalanceInterest]::new(
            $Asset,
            (ConvertTo-Decimal $Interest),
            (ConvertTo-Decimal $InterestRate),
            (ConvertTo-Decimal $Principal),
            $At)
    }

    function Get-Line {
        param([Parameter(Mandatory, ValueFromPipeline)] $Text)
        process { @($Text -split '\r?\n') }
    }

    function Get-WideLine {
        param([Parameter(Mandatory, ValueFromPipeline)] $InputObject, [string] $View = 'Format-Table')
        begin { $items = [System.Collections.Generic.List[object]]::new() }
        process { $items.Add($InputObject) }
        end { @($items | & $View | Out-String -Width 80 | Get-Line | Where-Object { $_.Length -gt 80 }) }
    }

    function Test-ShownWhole {
        # True when a table shows $Value whole: on one line, or begun on one line and wrapped on
        # into the lines below it, which hold nothing else (the tests wrap one cell per row).
        param([Parameter(Mandatory)][string] $Table, [Parameter(Mandatory)][string] $Value)
        $lines = @($Table -split '\r?\n')
        for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($lines[$i].Contains($Value)) { return $true }
            $rest = ''
            for ($j = $i + 1; $j -lt $lines.Count -and $lines[$j].Trim() -match '^\S+$'; $j++) {
                $rest += $lines[$j].Trim()
                if ($rest.Length -lt $Value.Length -and $Value.EndsWith($rest)) {
                    $begun = $Value.Substring(0, $Value.Length - $rest.Length)
                    if ($lines[$i] -match ('(^|\s)' + [regex]::Escape($begun) + '(\s|$)')) { return $true }
                }
            }
        }
        $false
    }

    function Invoke-InCulture {
        param([Parameter(Mandatory)][string] $Culture, [Parameter(Mandatory)][scriptblock] $ScriptBlock)
        $saved = [System.Globalization.CultureInfo]::CurrentCulture
        try {
            [System.Globalization.CultureInfo]::CurrentCulture = [System.Globalization.CultureInfo]::GetCultureInfo($Culture)
            & $ScriptBlock
        }
        finally {
            [System.Globalization.CultureInfo]::CurrentCulture = $saved
        }
    }

    # The output types have internal constructors and setters (only the module makes them);
    # the views are tested on objects made the same way.
    $script:NonPublic = [System.Reflection.BindingFlags] 'NonPublic, Instance'
}

AfterAll {
    Remove-Module -Name PmInterest -Force -ErrorAction Ignore
}

Describe 'The exported cmdlets' {
    It 'are the cmdlets the module has, and each has a help topic' {
        $commands = @(Get-Command -Module PmInterest -CommandType Cmdlet | ForEach-Object Name | Sort-Object)
        $commands.Count | Should -BeGreaterOrEqual 8
        foreach ($name in $commands) {
            (Get-Help -Name $name).Synopsis | Should -Not -Match ('^\s*' + [regex]::Escape($name) + '\s+\[') -Because "$name needs MAML help"
        }
    }
}

Describe 'Help of <Name>' -ForEach $CmdletCases {
    BeforeAll {
        $command = Get-Command -Name $Name -Module PmInterest -CommandType Cmdlet -ErrorAction Stop
        $help = Get-Help -Name $Name -Full
        $documentable = @($command.Parameters.Keys | Where-Object { $_ -notin $NotDocumented } | Sort-Object)
    }

    It 'has a synopsis from the help file' {
        $synopsis = [string] (Get-HelpPart $help 'Synopsis')
        $synopsis.Trim() | Should -Not -BeNullOrEmpty
        # Without a help file PowerShell makes the synopsis from the syntax.
        $synopsis | Should -Not -Match ('^\s*' + [regex]::Escape($Name) + '\s+\[')
    }

    It 'has a description' {
        Get-HelpText (Get-HelpPart $help 'description') | Should -Not -BeNullOrEmpty
    }

    It 'has several examples, each with code and remarks' {
        $examples = Get-HelpExample $help
        $examples.Count | Should -BeGreaterOrEqual 3
        foreach ($example in $examples) {
            $title = [string] (Get-HelpPart $example 'title')
            ([string] (Get-HelpPart $example 'code')).Trim() | Should -Not -BeNullOrEmpty -Because "example '$title' needs code"
            Get-HelpText (Get-HelpPart $example 'remarks') | Should -Not -BeNullOrEmpty -Because "example '$title' needs remarks"
        }
    }

    It 'has examples whose code parses' {
        $problems = foreach ($example in (Get-HelpExample $help)) {
            $tokens = $null
            $errors = $null
            $code = [string] (Get-HelpPart $example 'code')
            $null = [System.Management.Automation.Language.Parser]::ParseInput($code, [ref] $tokens, [ref] $errors)
            foreach ($e in @($errors)) {
                '{0}: line {1}: {2}' -f (Get-HelpPart $example 'title'), $e.Extent.StartLineNumber, $e.Message
            }
        }
        @($problems) | Should -BeNullOrEmpty
    }

    It 'has example code that Get-Help shows unbroken in 80 columns (76 characters a line)' {
        $long = foreach ($example in (Get-HelpExample $help)) {
            foreach ($line in ([string] (Get-HelpPart $example 'code') -split '\r?\n')) {
                if ($line.Length -gt 76) { '{0}: {1}' -f (Get-HelpPart $example 'title'), $line }
            }
        }
        @($long) | Should -BeNullOrEmpty
    }

    It 'describes every parameter, the paging parameters included' {
        $cmdletAttribute = @($command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true))
        if ($cmdletAttribute.Count -gt 0 -and $cmdletAttribute[0].SupportsPaging) {
            $documentable | Should -Contain 'First'
            $documentable | Should -Contain 'Skip'
            $documentable | Should -Contain 'IncludeTotalCount'
        }

        $described = @{}
        foreach ($parameter in (Get-HelpParameter $help)) {
            $described[[string] (Get-HelpPart $parameter 'name')] = Get-HelpText (Get-HelpPart $parameter 'description')
        }
        $missing = @($documentable | Where-Object { -not $described.ContainsKey($_) -or -not $described[$_] })
        $missing | Should -BeNullOrEmpty -Because 'every parameter needs a description in en-US/PmInterest.dll-Help.xml'
    }

    It 'documents no parameter the cmdlet does not have' {
        $documented = @(Get-HelpParameter $help | ForEach-Object { [string] (Get-HelpPart $_ 'name') })
        @($documented | Where-Object { $_ -notin $command.Parameters.Keys }) | Should -BeNullOrEmpty
    }

    It 'gives the type, required, position and pipeline input of every parameter' {
        foreach ($parameter in (Get-HelpParameter $help)) {
            $name = [string] (Get-HelpPart $parameter 'name')
            $metadata = $command.Parameters[$name]
            $type = Get-HelpPart (Get-HelpPart $parameter 'type') 'name'
            [string] $type | Should -Not -BeNullOrEmpty -Because "-$name needs a type"
            [string] (Get-HelpPart $parameter 'required') | Should -BeIn @('true', 'false') -Because "-$name needs 'required'"
            [string] (Get-HelpPart $parameter 'position') | Should -Not -BeNullOrEmpty -Because "-$name needs a position"
            $pipeline = [string] (Get-HelpPart $parameter 'pipelineInput')
            $takesPipeline = @($metadata.ParameterSets.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName }).Count -gt 0
            ($pipeline -match '^True') | Should -Be $takesPipeline -Because "-$name pipeline input is '$pipeline'"
        }
    }

    It 'gives as default of a numeric parameter the value the cmdlet really has' {
        $fresh = [System.Activator]::CreateInstance($command.ImplementingType)
        $fresh.Dispose()
        $checked = 0
        foreach ($parameter in (Get-HelpParameter $help)) {
            $name = [string] (Get-HelpPart $parameter 'name')
            $default = [string] (Get-HelpPart $parameter 'defaultValue')
            if ($default -match '^\d+$' -and $command.Parameters[$name].ParameterType -eq [int]) {
                $fresh.$name | Should -Be ([int] $default) -Because "the help says -$name defaults to $default"
                $checked++
            }
        }
        # -WeightLimit's default is the account type's documented limit: DocumentedFactsTests holds that text to the code.
        $numeric = @($documentable | Where-Object { $command.Parameters[$_].ParameterType -eq [int] -and $_ -ne 'WeightLimit' })
        $checked | Should -Be $numeric.Count -Because 'every Int32 parameter should state its default as a number'
    }

    It 'has one syntax block per parameter set' {
        $syntax = @(Get-HelpPart (Get-HelpPart $help 'syntax') 'syntaxItem' | Where-Object { $null -ne $_ })
        $syntax.Count | Should -Be $command.ParameterSets.Count
    }

    It 'names its inputs and outputs, the declared output types included' {
        $inputs = @(Get-HelpPart (Get-HelpPart $help 'inputTypes') 'inputType' | Where-Object { $null -ne $_ })
        $outputs = @(Get-HelpPart (Get-HelpPart $help 'returnValues') 'returnValue' | Where-Object { $null -ne $_ })
        $inputs.Count | Should -BeGreaterOrEqual 1
        $outputs.Count | Should -BeGreaterOrEqual 1
        $outputNames = @($outputs | ForEach-Object { [string] (Get-HelpPart (Get-HelpPart $_ 'type') 'name') })
        foreach ($declared in $command.OutputType) {
            if ($declared.Type -ne [void]) {
                $outputNames | Should -Contain $declared.Name
            }
        }
    }

    It 'links to about_PmInterest' {
        $links = @(Get-HelpPart (Get-HelpPart $help 'relatedLinks') 'navigationLink' | ForEach-Object { [string] (Get-HelpPart $_ 'linkText') })
        $links | Should -Contain 'about_PmInterest'
    }
}

Describe 'Help of the runbook job' {
    BeforeAll {
        $examples = Get-HelpExample (Get-Help -Name Export-PmNegativeBalanceInterest -Full)
        $codes = @($examples | ForEach-Object { [string] (Get-HelpPart $_ 'code') })
        $description = Get-HelpText (Get-HelpPart (Get-Help -Name Export-PmNegativeBalanceInterest -Full) 'description')
    }

    It 'has a complete Azure Automation runbook that keeps the watermark in a variable' {
        $azure = @($codes | Where-Object { $_ -match 'Get-AutomationPSCredential' })
        $azure.Count | Should -Be 1
        foreach ($needed in 'Connect-PmAccount\s+-Credential', 'Get-AutomationVariable', 'Set-AutomationVariable', '\$export\.After\s*=', 'Export-PmNegativeBalanceInterest', 'Measure-PmNegativeBalanceInterest', '\.Watermark') {
            $azure[0] | Should -Match $needed
        }
        # The watermark moves on only after the rows are stored.
        $azure[0].IndexOf('Set-AutomationVariable') | Should -BeGreaterThan $azure[0].IndexOf('Set-AzStorageBlobContent')
    }

    It 'has a complete scheduled-task runbook: a ledger on disk, the schedule, monthly totals' {
        $task = @($codes | Where-Object { $_ -match 'Register-ScheduledTask' })
        $task.Count | Should -Be 1
        foreach ($needed in 'crontab', 'Export-PmNegativeBalanceInterest\s+-Path', 'Import-PmNegativeBalanceInterest', 'Measure-PmNegativeBalanceInterest\s+-By\s+Asset,\s*Month', 'New-ScheduledTaskTrigger') {
            $task[0] | Should -Match $needed
        }
    }

    It 'states the settling margin the cmdlet uses by default' {
        $minutes = [PmInterest.Commands.ExportPmNegativeBalanceInterestCommand]::DefaultSettlingMinutes
        $description | Should -Match ("-SettlingMinutes, {0} by default" -f $minutes)
    }
}

Describe 'about_PmInterest' {
    BeforeAll {
        $module = Get-Module -Name PmInterest
        $aboutPath = Join-Path $module.ModuleBase 'en-US/about_PmInterest.help.txt'
        $aboutText = Get-Content -LiteralPath $aboutPath -Raw
        $aboutFlat = $aboutText -replace '\s+', ' '
    }

    It 'resolves with Get-Help once the module is imported' {
        $about = Get-Help -Name about_PmInterest -ErrorAction Stop
        $about | Should -Not -BeNullOrEmpty
        $text = $about | Out-String
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'LONG DESCRIPTION'
        $text | Should -Match 'Get-PmNegativeBalanceInterest'
    }

    It 'ships in the module en-US folder with every line under 80 characters' {
        Test-Path -LiteralPath $aboutPath -PathType Leaf | Should -BeTrue
        $long = @(Get-Content -LiteralPath $aboutPath | Where-Object { $_.Length -ge 80 })
        $long | Should -BeNullOrEmpty
    }

    It 'names every exported cmdlet' {
        foreach ($name in (Get-Command -Module PmInterest -CommandType Cmdlet).Name) {
            $aboutText | Should -Match ([regex]::Escape($name))
        }
    }

    It 'tells the part of the story a runbook author needs: <_>' -ForEach @(
        'THE RUNBOOK JOB', 'SETTLING MARGIN', 'WATERMARK', 'CRASH SAFETY', 'TOTALS', 'WAITS, BANS AND BUDGETS',
        'WHAT THE MODULE TRUSTS', 'LIMITS', 'ERRORS', 'ENVIRONMENT VARIABLES', 'ACCOUNT TYPES', 'ENDPOINTS') {
        $aboutText | Should -Match ('(?m)^\s*' + [regex]::Escape($_))
    }

    It 'gives the settling margin the code uses (the answer and server text caps: DocumentedFactsTests)' {
        $aboutFlat | Should -Match ('-SettlingMinutes \(default {0},' -f [PmInterest.Commands.ExportPmNegativeBalanceInterestCommand]::DefaultSettlingMinutes)
    }

    It 'names the environment variables the module reads' {
        foreach ($variable in 'BINANCE_API_KEY', 'BINANCE_API_SECRET', 'BINANCE_PRIVATE_KEY_PATH', 'BINANCE_PRIVATE_KEY_PASSPHRASE', 'PMINTEREST_BASE_URI', 'PMINTEREST_ACCOUNT_TYPE') {
            $aboutText | Should -Match ([regex]::Escape($variable))
        }
    }
}

Describe 'Default views of PmInterest.NegativeBalanceInterest' {
    BeforeAll {
        $record = New-InterestRecord
    }

    It 'shows a record in a table of at most 80 columns' {
        $record | Get-WideLine | Should -BeNullOrEmpty
        ($record | Format-Table | Out-String -Width 80) | Should -Match 'DailyRate'
    }

    It 'keeps the scale of the amounts (24.4440 stays 24.4440)' {
        $text = $record | Format-Table | Out-String -Width 80
        $expected = $record.Interest.ToString([System.Globalization.CultureInfo]::CurrentCulture)
        $expected | Should -Match '4440$'
        $text | Should -Match ([regex]::Escape($expected))
        $text | Should -Match ([regex]::Escape($record.InterestRate.ToString([System.Globalization.CultureInfo]::CurrentCulture)))
        $text | Should -Match ([regex]::Escape($record.Principal.ToString([System.Globalization.CultureInfo]::CurrentCulture)))
    }

    It 'shows the accrual time as yyyy-MM-dd HH:mm in UTC in the culture <_>' -ForEach @('fi-FI', 'th-TH', 'de-DE') {
        $culture = $_
        $text = Invoke-InCulture $culture { $record | Format-Table | Out-String -Width 80 }
        $text | Should -Match '2025-01-01 00:00'
    }

    It 'fits 80 columns with amounts of 12 integer digits and 8 decimals' {
        $big = New-InterestRecord -Asset '1000SATS' -Interest '123456789012.12345678' -InterestRate '0.00011640' -Principal '987654321098.87654321'
        $big | Get-WideLine | Should -BeNullOrEmpty
        $text = $big | Format-Table | Out-String -Width 80
        $culture = [System.Globalization.CultureInfo]::CurrentCulture
        $text | Should -Match ([regex]::Escape($big.Principal.ToString($culture)))
        $text | Should -Match ([regex]::Escape($big.Interest.ToString($culture)))
        $text | Should -Match ([regex]::Escape($big.InterestRate.ToString($culture)))
        $text | Should -Match '1000SATS'
    }

    It 'shows every digit of an amount longer than its column, wrapped, never cut, at 80 columns' {
        $long = New-InterestRecord -Interest '12345678795982360.06653366'
        $rate = New-InterestRecord -InterestRate '0.000116402222'
        $text = @($long, $rate) | Format-Table | Out-String -Width 80
        @($long, $rate) | Get-WideLine | Should -BeNullOrEmpty
        $culture = [System.Globalization.CultureInfo]::CurrentCulture
        $text | Should -Not -Match ([regex]::Escape([string][char]0x2026))
        Test-ShownWhole $text $long.Interest.ToString($culture) | Should -BeTrue -Because $text
        Test-ShownWhole $text $rate.InterestRate.ToString($culture) | Should -BeTrue -Because $text
    }

    It 'shows every property, AnnualizedRate included, in a list' {
        $text = $record | Format-List | Out-String -Width 80
        foreach ($property in $record.PSObject.Properties.Name) {
            $text | Should -Match ('(?m)^' + $property + '\s*:') -Because "Format-List should show $property"
        }
        $text | Should -Match ([regex]::Escape($record.AnnualizedRate.ToString([System.Globalization.CultureInfo]::CurrentCulture)))
        $text | Should -Match '2025-01-01 00:00:00.000Z'
        $record | Get-WideLine -View Format-List | Should -BeNullOrEmpty
    }
}

Describe 'Default views of PmInterest.InterestTotal' {
    BeforeAll {
        $day1 = [datetime]::new(2025, 1, 1, 0, 0, 0, [System.DateTimeKind]::Utc)
        $day2 = [datetime]::new(2025, 1, 31, 23, 0, 0, [System.DateTimeKind]::Utc)
        $records = @(
            New-InterestRecord -Asset 'USDT' -Interest '140803758.72688837' -At $day1
            New-InterestRecord -Asset 'USDT' -Interest '0.00000001' -At $day2
            New-InterestRecord -Asset '1000SATS' -Interest '12.5' -At $day2
        )
        $byDay = @($records | Measure-PmNegativeBalanceInterest -By Asset, Day)
        $mixed = @($records | Measure-PmNegativeBalanceInterest -WarningAction SilentlyContinue)
    }

    It 'shows Asset, Period, Count, Interest, First and Last in a table of at most 80 columns' {
        $byDay | Get-WideLine | Should -BeNullOrEmpty
        $header = @($byDay | Format-Table | Out-String -Width 80 | Get-Line | Where-Object { $_ -match '\S' })[0]
        $header | Should -Match '^Asset\s+Period\s+Count\s+Interest\s+First \(UTC\)\s+Last \(UTC\)\s*$'
    }

    It 'shows an exact sum of 18 characters whole, with its scale, in the culture <_>' -ForEach @('en-US', 'de-DE') {
        $culture = $_
        $text = Invoke-InCulture $culture { $byDay | Format-Table | Out-String -Width 80 }
        $usdt = $byDay | Where-Object { $_.Asset -eq 'USDT' -and $_.Period -eq '2025-01-01' }
        $text | Should -Match ([regex]::Escape($usdt.Interest.ToString([System.Globalization.CultureInfo]::GetCultureInfo($culture))))
        $text | Should -Match '1000SATS'
    }

    It 'shows every digit of a sum of 20 integer digits and 8 decimals on one line, in the culture <_>' -ForEach @('en-US', 'de-DE') {
        $culture = $_
        $big = @(
            New-InterestRecord -Asset 'USDT' -Interest '12345678901234567889.12345678'
            New-InterestRecord -Asset 'USDT' -Interest '1.00000000'
        ) | Measure-PmNegativeBalanceInterest -By Asset, Day
        $text = Invoke-InCulture $culture { $big | Format-Table | Out-String -Width 80 }
        $big | Get-WideLine | Should -BeNullOrEmpty
        $text | Should -Match ([regex]::Escape($big.Interest.ToString([System.Globalization.CultureInfo]::GetCultureInfo($culture))))
        $text | Should -Not -Match ([regex]::Escape([string][char]0x2026))
    }

    It 'wraps, never cuts, the longest sum a decimal holds, or a long asset code' {
        $extreme = New-InterestRecord -Asset 'BTC' -Interest '-7.9228162514264337593543950335' | Measure-PmNegativeBalanceInterest -By Asset
        $longAsset = New-InterestRecord -Asset 'A123456789012345' -Interest '1.5' | Measure-PmNegativeBalanceInterest -By Asset
        foreach ($total in $extreme, $longAsset) {
            $total | Get-WideLine | Should -BeNullOrEmpty
        }
        $text = $extreme | Format-Table | Out-String -Width 80
        Test-ShownWhole $text $extreme.Interest.ToString([System.Globalization.CultureInfo]::CurrentCulture) | Should -BeTrue -Because $text
        $text = $longAsset | Format-Table | Out-String -Width 80
        Test-ShownWhole $text 'A123456789012345' | Should -BeTrue -Because $text
    }

    It 'shows First and Last in UTC, whatever the calendar of the culture' {
        $text = Invoke-InCulture 'th-TH' { $byDay | Format-Table | Out-String -Width 80 }
        $text | Should -Match '2025-01-31'
        $text | Should -Not -Match '2568'
    }

    It 'marks a total that adds several assets' {
        $mixed.Count | Should -Be 1
        ($mixed | Format-Table | Out-String -Width 80) | Should -Match '\(mixed\)'
        $mixed | Get-WideLine | Should -BeNullOrEmpty
        ($mixed | Format-List | Out-String -Width 80) | Should -Match '(?m)^AssetCount\s*:\s*2\s*$'
    }
}

Describe 'Default views of PmInterest.ValuedInterest' {
    BeforeAll {
        # The longest a value can be written: 28 decimals, or 29 significant digits.
        $culture = [System.Globalization.CultureInfo]::InvariantCulture
        function New-ValuedInterest {
            param($Record, [string] $Quote, $Price, [string] $Source, $PriceTime, $Value)
            $ctor = [PmInterest.ValuedInterest].GetConstructors($NonPublic)[0]
            $ctor.Invoke([object[]] @($Record, $Quote, $Price, $Source, $PriceTime, $Value, $null))
        }
        $at = [datetime]::new(2025, 3, 5, 13, 47, 31, [System.DateTimeKind]::Utc)
        $minute = [datetime]::new(2025, 3, 5, 13, 47, 0, [System.DateTimeKind]::Utc)
        $record = New-InterestRecord -Asset '1000SATS' -Interest '123456789012.12345678' -At $at
        $priced = New-ValuedInterest $record 'EUR' (ConvertTo-Decimal '0.0000643210987654321098765432') '1000SATSUSDT*1/EURUSDT' $minute (ConvertTo-Decimal '7940861.9483025839509048912345')
        $small = New-ValuedInterest (New-InterestRecord -Asset 'BTC' -Interest '0.00000021' -At $at) 'EUR' (ConvertTo-Decimal '88123.456789012345678901234567') 'BTCUSDT*1/EURUSDT' $minute (ConvertTo-Decimal '0.0185059259256925925925925926')
        $unpriced = New-ValuedInterest (New-InterestRecord -Asset 'NEWCOIN' -At $at) 'EUR' $null $null $null $null
        $rows = @($priced, $small, $unpriced)
    }

    It 'shows Accrued (UTC), Asset, Interest and Value under a Quote heading in at most 80 columns' {
        $rows | Get-WideLine | Should -BeNullOrEmpty
        $text = $rows | Format-Table | Out-String -Width 80
        $text | Should -Match 'Quote: EUR'
        @($text | Get-Line | Where-Object { $_ -match 'Accrued' })[0] | Should -Match '^Accrued \(UTC\)\s+Asset\s+Interest\s+Value\s*$'
    }

    It 'shows every digit of a value of 30 characters and of the interest, in the culture <_>' -ForEach @('en-US', 'de-DE') {
        $name = $_
        $text = Invoke-InCulture $name { $rows | Format-Table | Out-String -Width 80 }
        $c = [System.Globalization.CultureInfo]::GetCultureInfo($name)
        foreach ($v in $priced, $small) {
            $v.Value.ToString($c).Length | Should -BeLessOrEqual 30
            $text | Should -Match ([regex]::Escape($v.Value.ToString($c)))
            $text | Should -Match ([regex]::Escape($v.Interest.ToString($c)))
        }
        $text | Should -Match '2025-03-05 13:47'
    }

    It 'shows every property in a list, the price and how it was made included' {
        $text = $priced | Format-List | Out-String -Width 80
        foreach ($property in $priced.PSObject.Properties.Name) {
            $text | Should -Match ('(?m)^' + $property + '\s*:') -Because "Format-List should show $property"
        }
        $text | Should -Match '(?m)^PriceSource\s*: 1000SATSUSDT\*1/EURUSDT\s*$'
        $text | Should -Match '(?m)^PriceTime\s*: 2025-03-05 13:47:00.000Z\s*$'
        $text | Should -Match ([regex]::Escape($priced.Price.ToString([System.Globalization.CultureInfo]::CurrentCulture)))
        $rows | Get-WideLine -View Format-List | Should -BeNullOrEmpty
    }

    It 'shows an unpriced record with an empty Value, never 0' {
        $line = @($unpriced | Format-Table | Out-String -Width 80 | Get-Line | Where-Object { $_ -match 'NEWCOIN' })[0]
        $line.TrimEnd() | Should -Match '24\.4440$'
    }
}

Describe 'Default views of valued totals' {
    BeforeAll {
        $ctor = [PmInterest.ValuedInterest].GetConstructors($NonPublic)[0]
        $at = [datetime]::new(2025, 1, 1, 0, 0, 0, [System.DateTimeKind]::Utc)
        $valued = @(
            $ctor.Invoke([object[]] @((New-InterestRecord -Asset 'USDT' -Interest '140803758.72688837' -At $at), 'EUR', (ConvertTo-Decimal '0.9220839096357999077916090364'), '1/EURUSDT', $at, (ConvertTo-Decimal '129834316.86906193040569002762'), $null))
            $ctor.Invoke([object[]] @((New-InterestRecord -Asset 'BTC' -Interest '0.00012345' -At $at), 'EUR', (ConvertTo-Decimal '88123.456789012345678901234567'), 'BTCUSDT*1/EURUSDT', $at, (ConvertTo-Decimal '10.878840740603574074074074074'), $null))
        )
        $byAsset = @($valued | Measure-PmNegativeBalanceInterest -By Asset, Month)
        $all = @($valued | Measure-PmNegativeBalanceInterest -By Month -WarningVariable warned)
    }

    It 'shows Asset, Period, Count, Interest and Value under a Quote heading in at most 80 columns, every digit' {
        $byAsset | Get-WideLine | Should -BeNullOrEmpty
        $text = $byAsset | Format-Table | Out-String -Width 80
        $text | Should -Match 'Quote: EUR'
        @($text | Get-Line | Where-Object { $_ -match 'Period' })[0] | Should -Match '^Asset\s+Period\s+Count\s+Interest\s+Value\s*$'
        foreach ($t in $byAsset) {
            $text | Should -Match ([regex]::Escape($t.Value.ToString([System.Globalization.CultureInfo]::CurrentCulture)))
        }
    }

    It 'adds values across assets into one amount, without the mixed-asset warning, and shows the interest as mixed' {
        $all.Count | Should -Be 1
        $warned | Should -BeNullOrEmpty
        $all[0].Quote | Should -Be 'EUR'
        $all[0].Value | Should -Be ((ConvertTo-Decimal '129834316.86906193040569002762') + (ConvertTo-Decimal '10.878840740603574074074074074'))
        ($all | Format-Table | Out-String -Width 80) | Should -Match '\(mixed\)'
        ($all | Format-List | Out-String -Width 80) | Should -Match '(?m)^UnpricedCount\s*:\s*0\s*$'
    }
}

Describe 'Default view of PmInterest.LedgerExportSummary' {
    BeforeAll {
        $constructor = [PmInterest.LedgerExportSummary].GetConstructors($NonPublic)[0]
        $from = [datetimeoffset]::new(2025, 1, 1, 0, 0, 0, [timespan]::Zero).ToUnixTimeMilliseconds()
        $to = [datetimeoffset]::new(2025, 1, 31, 23, 59, 59, 999, [timespan]::Zero).ToUnixTimeMilliseconds()
        $summary = $constructor.Invoke(@('/data/interest-ledger.csv', [long] $from, [long] $to, 'PortfolioMarginPro;BTC,ETH'))
        $upToDate = $constructor.Invoke(@('/data/interest-ledger.csv', [long] ($to + 1), [long] $to, 'PortfolioMarginPro;*'))
    }

    It 'is a list of every property, in 80 columns' {
        $text = $summary | Out-String -Width 80
        foreach ($property in $summary.PSObject.Properties.Name) {
            $text | Should -Match ('(?m)^' + $property + '\s*:') -Because "the summary should show $property"
        }
        $summary | Get-WideLine -View Format-List | Should -BeNullOrEmpty
    }

    It 'shows From, To and the Watermark in UTC in the culture <_>' -ForEach @('th-TH', 'de-DE') {
        $culture = $_
        $text = Invoke-InCulture $culture { $summary | Out-String -Width 80 }
        $text | Should -Match '(?m)^From\s*:\s*2025-01-01 00:00:00\.000Z\s*$'
        $text | Should -Match '(?m)^To\s*:\s*2025-01-31 23:59:59\.999Z\s*$'
        $text | Should -Match '(?m)^Watermark\s*:\s*2025-01-31T23:59:59\.999Z;PortfolioMarginPro;BTC,ETH\s*$'
        $text | Should -Match '(?m)^Scope\s*:\s*PortfolioMarginPro;BTC,ETH\s*$'
    }

    It 'says when the ledger was already up to date' {
        ($upToDate | Out-String -Width 80) | Should -Match 'up to date'
        ($summary | Out-String -Width 80) | Should -Not -Match 'up to date'
    }
}

Describe 'Default views of PmInterest.PmConnection' {
    BeforeAll {
        # Connected in a runspace of its own, so that this test neither sets nor clears the
        # connection of the runspace the other tests run in. -SkipCheck: nothing is sent.
        $script:ApiKey = 'PmHelpTestKey' + ('0123456789abcdef' * 3) + 'Tail'
        $script:Secret = 'not-a-real-secret-' + [guid]::NewGuid().ToString('N')
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddCommand('Import-Module').AddParameter('Name', $env:PMINTEREST_MODULE_PATH).AddStatement()
            $null = $shell.AddCommand('Connect-PmAccount').
                AddParameter('ApiKey', $ApiKey).
                AddParameter('ApiSecret', (ConvertTo-SecureString -String $Secret -AsPlainText -Force)).
                AddParameter('BaseUri', [uri] 'https://api.binance.com').
                AddParameter('SkipCheck').
                AddParameter('PassThru')
            $script:Connection = @($shell.Invoke()) | Select-Object -First 1
            $script:ConnectErrors = @($shell.Streams.Error | ForEach-Object { $_.ToString() })
        }
        finally {
            $shell.Dispose()
        }

        # What a check with Binance would have recorded, made as the module makes it.
        $parse = [PmInterest.ApiKeyPermissions].GetMethod('Parse', [System.Reflection.BindingFlags] 'NonPublic, Static')
        $script:Permissions = $parse.Invoke($null, @('{"ipRestrict":true,"createTime":1700000000000,"enableReading":true,"enableWithdrawals":false,"enableSpotAndMarginTrading":false}'))
    }

    AfterAll {
        if ($Connection) { $Connection.Dispose() }
    }

    It 'connects without errors' {
        $ConnectErrors | Should -BeNullOrEmpty
        $Connection | Should -Not -BeNullOrEmpty
        $Connection.PSObject.TypeNames | Should -Contain 'PmInterest.PmConnection'
    }

    It 'shows every fact in a list of at most 80 columns by default' {
        $text = $Connection | Out-String -Width 80
        foreach ($property in $Connection.PSObject.Properties.Name) {
            $text | Should -Match ('(?m)^' + $property + '\s*:') -Because "the connection's list should show $property"
        }
        $text | Should -Match '(?m)^CheckedAt\s*:\s*not checked'
        $text | Should -Match '(?m)^WindowSpan\s*:\s*30 days\s*$'
        $Connection | Get-WideLine -View Format-List | Should -BeNullOrEmpty
    }

    It 'groups the facts: the key, the settings, the check, the weight budget, what was learned' {
        $labels = @($Connection | Out-String -Width 80 | Get-Line | Where-Object { $_ -match '^(\w+)\s*:' } | ForEach-Object { $Matches[1] })
        $order = 'AccountType', 'KeyType', 'ApiKey', 'Source', 'BaseUri', 'RecvWindow', 'TimeoutSec', 'CheckedAt', 'CheckedWith', 'Permissions',
            'WeightPool', 'WeightLimit', 'LearnedWeightLimit', 'WeightLimitInForce', 'WeightUsed', 'WeightResetsAt', 'RateLimitedSince',
            'RateLimitedUntil', 'BannedSince', 'BannedUntil', 'LastAnswerAt', 'WindowSpan', 'ClockOffsetMs'
        $labels | Should -Be $order
    }

    It 'summarises what the check found, with times in UTC' {
        $checked = [datetime]::new(2025, 1, 1, 12, 0, 0, [System.DateTimeKind]::Utc)
        $type = [PmInterest.PmConnection]
        try {
            $type.GetProperty('Permissions').SetValue($Connection, $Permissions)
            $type.GetProperty('CheckedAt').SetValue($Connection, [Nullable[datetime]] $checked)
            $text = Invoke-InCulture 'th-TH' { $Connection | Out-String -Width 80 }
            $text | Should -Match '(?m)^CheckedAt\s*:\s*2025-01-01 12:00:00Z\s*$'
            $text | Should -Match '(?m)^Permissions\s*:\s*may read, IP-restricted\s*$'
        }
        finally {
            $type.GetProperty('Permissions').SetValue($Connection, $null)
            $type.GetProperty('CheckedAt').SetValue($Connection, $null)
        }
    }

    It 'shows a table of at most 80 columns with the chosen columns and no secret' {
        $Connection | Get-WideLine | Should -BeNullOrEmpty
        $text = $Connection | Format-Table | Out-String -Width 80
        foreach ($column in 'AccountType', 'KeyType', 'ApiKey', 'Checked', 'Weight', 'BaseUri') {
            $text | Should -Match $column
        }
        $text | Should -Match 'Hmac'
        $text | Should -Match 'PortfolioMarginPro'
        $text | Should -Match ('\d+/' + $Connection.WeightLimitInForce)
        $text | Should -Match ([regex]::Escape($Connection.ApiKey))
        $text | Should -Not -Match ([regex]::Escape($ApiKey))
        $text | Should -Not -Match ([regex]::Escape($Secret))
    }

    It 'shows no secret in either view nor in a list of every property' {
        $text = @(
            $Connection | Out-String -Width 200
            $Connection | Format-Table | Out-String -Width 200
            $Connection | Format-List -Property * | Out-String -Width 200
        ) -join "`n"
        $text | Should -Not -Match ([regex]::Escape($ApiKey))
        $text | Should -Not -Match ([regex]::Escape($Secret))
    }
}
