# The built module in a real pwsh, against the emulator process: what a user runs.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-PmModulePath) -Force

    # The tests together make more requests than a minute of Binance's default weight allows;
    # they raise the limit on both sides so that pacing (tested on its own) does not slow them.
    $script:Emulator = Start-PmEmulator -ArgumentList '--stress', '--seed', '11', '--start', '2025-01-01', '--days', '365', '--tie-order', 'shuffled', '--weight-limit', '100000000'
    $script:Fast = @{ WeightLimit = 100000000 }
    $script:KeyDir = $Emulator.KeyDir
    $hmac = Get-Content -LiteralPath (Join-Path $KeyDir 'hmac.json') -Raw | ConvertFrom-Json
    $script:ApiKey = $hmac.apiKey
    $script:Secret = ConvertTo-SecureString -String $hmac.secret -AsPlainText -Force
    $script:PlainSecret = $hmac.secret
    $script:Passphrase = (Get-Content -LiteralPath (Join-Path $KeyDir 'passphrase.txt') -Raw).Trim()
    $script:From = [datetime]::new(2025, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
    $script:To = $From.AddDays(366)
    $script:EnvNames = 'BINANCE_API_KEY', 'BINANCE_API_SECRET', 'BINANCE_PRIVATE_KEY_PATH', 'BINANCE_PRIVATE_KEY_PASSPHRASE', 'PMINTEREST_BASE_URI'

    function ConvertTo-Canonical {
        # One comparable line per record: epoch ms | asset | interest | rate | principal.
        param([Parameter(ValueFromPipeline)] $Row)
        process {
            $ms = if ($Row.interestAccruedTime -is [datetime]) {
                [DateTimeOffset]::new([datetime]::SpecifyKind($Row.interestAccruedTime, 'Utc')).ToUnixTimeMilliseconds()
            }
            elseif ($Row.interestAccruedTime -is [string]) {
                $t = [datetime]::Parse($Row.interestAccruedTime, [cultureinfo]::CurrentCulture)
                [DateTimeOffset]::new([datetime]::SpecifyKind($t, 'Utc')).ToUnixTimeMilliseconds()
            }
            else { [long] $Row.interestAccruedTime }
            '{0}|{1}|{2}|{3}|{4}' -f $ms, $Row.asset, $Row.interest, $Row.interestRate, $Row.principal
        }
    }
}

AfterAll {
    Disconnect-PmAccount
    $Emulator | Stop-PmEmulator
}

Describe 'Get-PmNegativeBalanceInterest' {
    BeforeEach {
        Disconnect-PmAccount
        $null = Reset-PmEmulator $Emulator
        $script:SavedEnv = @{}
        foreach ($envName in $EnvNames) {
            $SavedEnv[$envName] = [Environment]::GetEnvironmentVariable($envName)
            [Environment]::SetEnvironmentVariable($envName, $null)
        }
    }

    AfterEach {
        foreach ($envName in $EnvNames) { [Environment]::SetEnvironmentVariable($envName, $SavedEnv[$envName]) }
    }

    It 'exports a year of USDT interest to CSV exactly as Binance holds it' {
        $csv = Join-Path $TestDrive 'usdt.csv'
        Connect-PmAccount -ApiKey $ApiKey -ApiSecret $Secret -BaseUri $Emulator.Url @Fast

        Get-PmNegativeBalanceInterest -StartTime $From -EndTime $To |
            Where-Object Asset -eq 'USDT' |
            Export-Csv -Path $csv -NoTypeInformation

        $expected = @(Get-PmEmulatorRecords $Emulator -Asset USDT | ConvertTo-Canonical | Sort-Object)
        $actual = @(Import-Csv -Path $csv | ConvertTo-Canonical | Sort-Object)
        $expected.Count | Should -BeGreaterThan 500
        $actual.Count | Should -Be $expected.Count
        Compare-Object $expected $actual | Should -BeNullOrEmpty
    }

    It 'emits typed objects with UTC times and decimals at their scale' {
        Connect-PmAccount -ApiKey $ApiKey -ApiSecret $Secret -BaseUri $Emulator.Url @Fast
        $records = @(Get-PmNegativeBalanceInterest -StartTime $From -EndTime $From.AddDays(20))

        $records.Count | Should -BeGreaterThan 0
        $records[0] | Should -BeOfType ([PmInterest.NegativeBalanceInterest])
        $records[0].InterestAccruedTime.Kind | Should -Be 'Utc'
        $records[0].Interest | Should -BeOfType ([decimal])
        $truth = [System.Collections.Generic.HashSet[string]]::new([string[]] @(Get-PmEmulatorRecords $Emulator | ConvertTo-Canonical))
        @($records | ConvertTo-Canonical | Where-Object { -not $truth.Contains($_) }) | Should -BeNullOrEmpty
        # Measure-Object sums in double; an exact total stays decimal.
        $exact = [System.Linq.Enumerable]::Sum([decimal[]] $records.Interest)
        $exact | Should -BeOfType ([decimal])
        [math]::Abs(($records | Measure-Object -Property Interest -Sum).Sum - [double] $exact) | Should -BeLessThan 1e-6
    }

    It '-First 5 costs one request' {
        Connect-PmAccount -ApiKey $ApiKey -ApiSecret $Secret -BaseUri $Emulator.Url @Fast

        $records = @(Get-PmNegativeBalanceInterest -StartTime $From -EndTime $To -First 5)

        $records.Count | Should -Be 5
        (Get-PmEmulatorStats $Emulator).interestHistoryRequests | Should -Be 1
    }

    It 'signs with <Name> keys' -ForEach @(
        @{ Name = 'RSA'; KeyFile = 'rsa.key'; ApiKeyFile = 'rsa.apikey'; Encrypted = $false }
        @{ Name = 'encrypted RSA'; KeyFile = 'rsa-encrypted.key'; ApiKeyFile = 'rsa.apikey'; Encrypted = $true }
        @{ Name = 'Ed25519'; KeyFile = 'ed25519.key'; ApiKeyFile = 'ed25519.apikey'; Encrypted = $false }
        @{ Name = 'encrypted Ed25519'; KeyFile = 'ed25519-encrypted.key'; ApiKeyFile = 'ed25519.apikey'; Encrypted = $true }
    ) {
        $key = (Get-Content -LiteralPath (Join-Path $KeyDir $ApiKeyFile) -Raw).Trim()
        $parameters = @{ ApiKey = $key; PrivateKeyPath = (Join-Path $KeyDir $KeyFile); BaseUri = $Emulator.Url; PassThru = $true } + $Fast
        if ($Encrypted) { $parameters.PrivateKeyPassphrase = ConvertTo-SecureString $Passphrase -AsPlainText -Force }

        $connection = Connect-PmAccount @parameters
        $records = @(Get-PmNegativeBalanceInterest -StartTime $From -EndTime $From.AddDays(45) -Connection $connection)

        $connection.KeyType | Should -Be ($Name -replace '^encrypted ', '')
        $expected = @(Get-PmEmulatorRecords $Emulator | ConvertTo-Canonical | Where-Object { [long]($_ -split '\|')[0] -le [DateTimeOffset]::new($From.AddDays(45)).ToUnixTimeMilliseconds() } | Sort-Object)
        Compare-Object $expected @($records | ConvertTo-Canonical | Sort-Object) | Should -BeNullOrEmpty
    }

    It 'takes credentials and the endpoint from environment variables' {
        # A server of its own: environment connections use the default weight limit.
        $own = Start-PmEmulator -ArgumentList '--stress', '--seed', '5', '--start', '2025-01-01', '--days', '10'
        try {
            $ownKey = Get-Content -LiteralPath (Join-Path $own.KeyDir 'hmac.json') -Raw | ConvertFrom-Json
            $env:BINANCE_API_KEY = $ownKey.apiKey
            $env:BINANCE_API_SECRET = $ownKey.secret
            $env:PMINTEREST_BASE_URI = $own.Url

            $records = @(Get-PmNegativeBalanceInterest -StartTime $From -EndTime $From.AddDays(10))

            $records.Count | Should -BeGreaterThan 0
            (Get-PmEmulatorStats $own).interestHistoryOk | Should -BeGreaterThan 0
            (Get-PmEmulatorStats $Emulator).totalRequests | Should -Be 0
        }
        finally {
            $own | Stop-PmEmulator
        }
    }

    It 'takes a PSCredential, as an Automation credential asset gives it' {
        $credential = [pscredential]::new($ApiKey, $Secret)

        $connection = Connect-PmAccount -Credential $credential -BaseUri $Emulator.Url -PassThru @Fast
        $records = @(Get-PmNegativeBalanceInterest -StartTime $From -EndTime $From.AddDays(10))

        $connection.Source | Should -Be 'Credential'
        $records.Count | Should -BeGreaterThan 0
        "$connection" | Should -Not -Match ([regex]::Escape($ApiKey))
    }

    It 'refuses <Case> before any request' -ForEach @(
        @{ Case = 'a StartTime after EndTime'; Id = 'InvalidTimeRange,PmInterest.Commands.GetPmNegativeBalanceInterestCommand'; Script = { Connect-PmAccount -ApiKey $ApiKey -ApiSecret $Secret -BaseUri $Emulator.Url -SkipCheck; Get-PmNegativeBalanceInterest -StartTime $To -EndTime $From } }
        @{ Case = 'no credentials anywhere'; Id = 'NoCredentials,PmInterest.Commands.GetPmNegativeBalanceInterestCommand'; Script = { Get-PmNegativeBalanceInterest } }
        @{ Case = 'a missing key file'; Id = 'PrivateKeyNotFound,PmInterest.Commands.ConnectPmAccountCommand'; Script = { Connect-PmAccount -ApiKey k -PrivateKeyPath (Join-Path $TestDrive 'none.pem') -BaseUri $Emulator.Url } }
        @{ Case = 'a key file that is not PKCS#8'; Id = 'PrivateKeyInvalid,PmInterest.Commands.ConnectPmAccountCommand'; Script = { Set-Content -Path (Join-Path $TestDrive 'pkcs1.pem') -Value "-----BEGIN RSA PRIVATE KEY-----`nAAAA`n-----END RSA PRIVATE KEY-----"; Connect-PmAccount -ApiKey k -PrivateKeyPath (Join-Path $TestDrive 'pkcs1.pem') -BaseUri $Emulator.Url } }
        @{ Case = 'an encrypted key without its passphrase'; Id = 'PrivateKeyInvalid,PmInterest.Commands.ConnectPmAccountCommand'; Script = { Connect-PmAccount -ApiKey k -PrivateKeyPath (Join-Path $KeyDir 'ed25519-encrypted.key') -BaseUri $Emulator.Url } }
        @{ Case = 'a BaseUri that is not http or https'; Id = 'InvalidBaseUri,PmInterest.Commands.ConnectPmAccountCommand'; Script = { Connect-PmAccount -ApiKey $ApiKey -ApiSecret $Secret -BaseUri 'ftp://example.com' } }
        @{ Case = 'a relative BaseUri'; Id = 'InvalidBaseUri,PmInterest.Commands.ConnectPmAccountCommand'; Script = { Connect-PmAccount -ApiKey $ApiKey -ApiSecret $Secret -BaseUri ([uri]::new('api/v1', [UriKind]::Relative)) } }
        @{ Case = 'an asset code with a space'; Id = 'InvalidAsset,PmInterest.Commands.GetPmNegativeBalanceInterestCommand'; Script = { Connect-PmAccount -ApiKey $ApiKey -ApiSecret $Secret -BaseUri $Emulator.Url -SkipCheck; Get-PmNegativeBalanceInterest -Asset 'US DT' } }
        @{ Case = 'a RecvWindow above 60000'; Id = 'ParameterArgumentValidationError,PmInterest.Commands.ConnectPmAccountCommand'; Script = { Connect-PmAccount -ApiKey $ApiKey -ApiSecret $Secret -RecvWindow 60001 } }
    ) {
        $caught = $null
        try { & $Script -ErrorAction Stop } catch { $caught = $_ }

        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -Be $Id
        $caught.Exception.Message | Should -Not -BeNullOrEmpty
        (Get-PmEmulatorStats $Emulator).totalRequests | Should -Be 0
    }

    It 'fails at connect, with no interest request, when the secret is wrong' {
        $wrong = ConvertTo-SecureString 'not-the-secret' -AsPlainText -Force
        $ErrorActionPreference = 'Stop'

        $caught = $null
        try { Connect-PmAccount -ApiKey $ApiKey -ApiSecret $wrong -BaseUri $Emulator.Url @Fast } catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -Be 'BinanceAuthenticationFailed,PmInterest.Commands.ConnectPmAccountCommand'
        (Get-PmEmulatorStats $Emulator).interestHistoryRequests | Should -Be 0
        Get-PmConnection | Should -BeNullOrEmpty
        ($caught | Out-String) | Should -Not -Match 'signature='
    }

    It 'fails a runbook with $ErrorActionPreference = Stop on a Binance refusal, without leaking the secret' {
        $wrong = ConvertTo-SecureString 'not-the-secret' -AsPlainText -Force
        Connect-PmAccount -ApiKey $ApiKey -ApiSecret $wrong -BaseUri $Emulator.Url @Fast -SkipCheck
        $ErrorActionPreference = 'Stop'
        $reached = $false

        $caught = $null
        try { Get-PmNegativeBalanceInterest -StartTime $From -EndTime $To -Verbose 4>&1 | Out-Null; $reached = $true } catch { $caught = $_ }

        $reached | Should -BeFalse
        $caught.FullyQualifiedErrorId | Should -Be 'BinanceAuthenticationFailed,PmInterest.Commands.GetPmNegativeBalanceInterestCommand'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $caught.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        ($caught | Out-String) | Should -Not -Match 'signature='
    }

    It 'tells each request on the verbose stream without secrets' {
        Connect-PmAccount -ApiKey $ApiKey -ApiSecret $Secret -BaseUri $Emulator.Url @Fast

        $verbose = @(Get-PmNegativeBalanceInterest -StartTime $From -EndTime $From.AddDays(40) -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })

        $requests = (Get-PmEmulatorStats $Emulator).interestHistoryOk
        $requests | Should -BeGreaterThan 1
        @($verbose | Where-Object Message -Match 'interest-history .* records, weight \d+/100000000').Count | Should -Be $requests
        $verbose.Message | Should -Not -Match ([regex]::Escape($PlainSecret))
        $verbose.Message | Should -Not -Match 'signature'
    }

    It 'completes -Asset with the assets seen in this session first' {
        Connect-PmAccount -ApiKey $ApiKey -ApiSecret $Secret -BaseUri $Emulator.Url @Fast
        $null = Get-PmNegativeBalanceInterest -StartTime $From -EndTime $From.AddDays(20)
        $seen = @(Get-PmEmulatorRecords $Emulator | Where-Object { $_.interestAccruedTime -le [DateTimeOffset]::new($From.AddDays(20)).ToUnixTimeMilliseconds() } | ForEach-Object asset | Sort-Object -Unique)

        $line = 'Get-PmNegativeBalanceInterest -Asset U'
        $matches = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText

        $matches | Should -Contain 'USDT'
        $matches | Should -Contain 'USDC'
        $matches | ForEach-Object { $_ | Should -BeLike 'U*' }
        $all = (TabExpansion2 -inputScript 'Get-PmNegativeBalanceInterest -Asset ' -cursorColumn 37).CompletionMatches.CompletionText
        # Seen assets come first, in order; every one seen here is among them.
        $head = @($all | Select-Object -First $seen.Count)
        $head | Should -Be @($head | Sort-Object)
        $allAssets = @(Get-PmEmulatorRecords $Emulator | ForEach-Object asset | Sort-Object -Unique)
        $head | ForEach-Object { $_ | Should -BeIn $allAssets }
        $seen | ForEach-Object { $all | Should -Contain $_ }
    }

    It 'reports the total count when asked' {
        Connect-PmAccount -ApiKey $ApiKey -ApiSecret $Secret -BaseUri $Emulator.Url @Fast

        $out = @(Get-PmNegativeBalanceInterest -StartTime $From -EndTime $From.AddDays(20) -IncludeTotalCount)

        $total = $out | Where-Object { $_ -isnot [PmInterest.NegativeBalanceInterest] }
        $records = @($out | Where-Object { $_ -is [PmInterest.NegativeBalanceInterest] })
        $total.ToString() | Should -Match "^Total count: $($records.Count)$"
    }
}
