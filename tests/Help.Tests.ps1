#Requires -Version 7.2
<#
    Help and default views of the built module (PMINTEREST_MODULE_PATH, normally
    out/PmInterest/PmInterest.psd1, which holds PmInterest.format.ps1xml and en-US/):

    - every exported cmdlet has MAML help with a synopsis, a description, a description of
      every parameter (the paging parameters -First, -Skip and -IncludeTotalCount too) and
      examples whose code parses;
    - Get-Help about_PmInterest resolves once the module is imported, in lines under 80
      characters;
    - the default views of PmInterest.NegativeBalanceInterest and PmInterest.PmConnection
      fit an 80-column console, keep the scale of the amounts, and show the accrual time in
      UTC whatever the culture.

    Nothing here talks to Binance or to the emulator.
#>

BeforeDiscovery {
    # One set of help tests per exported cmdlet, taken from the manifest so that a cmdlet
    # added later is checked without editing this file.
    $script:CmdletCases = @('Connect-PmAccount', 'Disconnect-PmAccount', 'Get-PmNegativeBalanceInterest' |
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
            [string] $Principal = '210000'
        )
        [PmInterest.NegativeBalanceInterest]::new(
            $Asset,
            (ConvertTo-Decimal $Interest),
            (ConvertTo-Decimal $InterestRate),
            (ConvertTo-Decimal $Principal),
            [datetime]::new(2025, 1, 1, 0, 0, 0, [System.DateTimeKind]::Utc))
    }

    function Get-Line {
        param([Parameter(Mandatory, ValueFromPipeline)] $Text)
        process { @($Text -split '\r?\n') }
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
}

AfterAll {
    Remove-Module -Name PmInterest -Force -ErrorAction Ignore
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

    It 'has at least one example, each with code and remarks' {
        $examples = Get-HelpExample $help
        $examples.Count | Should -BeGreaterOrEqual 1
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

    It 'has one syntax block per parameter set' {
        $syntax = @(Get-HelpPart (Get-HelpPart $help 'syntax') 'syntaxItem' | Where-Object { $null -ne $_ })
        $syntax.Count | Should -Be $command.ParameterSets.Count
    }
}

Describe 'about_PmInterest' {
    BeforeAll {
        $module = Get-Module -Name PmInterest
        $aboutPath = Join-Path $module.ModuleBase 'en-US/about_PmInterest.help.txt'
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

    It 'names the environment variables the module reads' {
        $text = Get-Content -LiteralPath $aboutPath -Raw
        foreach ($variable in 'BINANCE_API_KEY', 'BINANCE_API_SECRET', 'BINANCE_PRIVATE_KEY_PATH', 'BINANCE_PRIVATE_KEY_PASSPHRASE', 'PMINTEREST_BASE_URI') {
            $text | Should -Match ([regex]::Escape($variable))
        }
    }
}

Describe 'Default views of PmInterest.NegativeBalanceInterest' {
    BeforeAll {
        $record = New-InterestRecord
    }

    It 'shows a record in a table of at most 80 columns' {
        $lines = $record | Format-Table | Out-String -Width 80 | Get-Line
        @($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -Match 'DailyRate'
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
        $lines = $big | Format-Table | Out-String -Width 80 | Get-Line
        @($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        $text = $lines -join "`n"
        $culture = [System.Globalization.CultureInfo]::CurrentCulture
        $text | Should -Match ([regex]::Escape($big.Principal.ToString($culture)))
        $text | Should -Match ([regex]::Escape($big.Interest.ToString($culture)))
        $text | Should -Match ([regex]::Escape($big.InterestRate.ToString($culture)))
        $text | Should -Match '1000SATS'
    }

    It 'shows all five properties in a list' {
        $text = $record | Format-List | Out-String -Width 80
        foreach ($property in 'Asset', 'Interest', 'InterestRate', 'Principal', 'InterestAccruedTime') {
            $text | Should -Match ('(?m)^' + $property + '\s*:') -Because "Format-List should show $property"
        }
        $text | Should -Match ([regex]::Escape($record.Interest.ToString([System.Globalization.CultureInfo]::CurrentCulture)))
        $text | Should -Match '2025-01-01 00:00:00'
    }
}

Describe 'Default view of PmInterest.PmConnection' {
    BeforeAll {
        # Connected in a runspace of its own, so that this test neither sets nor clears the
        # connection of the runspace the other tests run in. Connect-PmAccount sends nothing.
        $script:ApiKey = 'PmHelpTestKey' + ('0123456789abcdef' * 3) + 'Tail'
        $script:Secret = 'not-a-real-secret-' + [guid]::NewGuid().ToString('N')
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddCommand('Import-Module').AddParameter('Name', $env:PMINTEREST_MODULE_PATH).AddStatement()
            $null = $shell.AddCommand('Connect-PmAccount').
                AddParameter('ApiKey', $ApiKey).
                AddParameter('ApiSecret', (ConvertTo-SecureString -String $Secret -AsPlainText -Force)).
                AddParameter('BaseUri', [uri] 'https://api.binance.com').
                AddParameter('PassThru')
            $script:Connection = @($shell.Invoke()) | Select-Object -First 1
            $script:ConnectErrors = @($shell.Streams.Error | ForEach-Object { $_.ToString() })
        }
        finally {
            $shell.Dispose()
        }
    }

    It 'connects without errors' {
        $ConnectErrors | Should -BeNullOrEmpty
        $Connection | Should -Not -BeNullOrEmpty
        $Connection.PSObject.TypeNames | Should -Contain 'PmInterest.PmConnection'
    }

    It 'shows a table of at most 80 columns with the chosen columns and no secret' {
        $lines = $Connection | Format-Table | Out-String -Width 80 | Get-Line
        @($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        $text = $lines -join "`n"
        foreach ($column in 'KeyType', 'ApiKey', 'BaseUri', 'RecvWindow', 'WeightLimit', 'Source') {
            $text | Should -Match $column
        }
        $text | Should -Match 'Hmac'
        $text | Should -Match ([regex]::Escape($Connection.ApiKey))
        $text | Should -Not -Match ([regex]::Escape($ApiKey))
        $text | Should -Not -Match ([regex]::Escape($Secret))
    }

    It 'shows no secret in a list of every property' {
        $text = $Connection | Format-List -Property * | Out-String -Width 200
        $text | Should -Not -Match ([regex]::Escape($ApiKey))
        $text | Should -Not -Match ([regex]::Escape($Secret))
    }
}
