<#
.SYNOPSIS
    Baseline for the PmInterest benchmarks: negative-balance interest history the way people
    script it today, with Invoke-RestMethod and an HMAC signature computed by hand.

.DESCRIPTION
    Deliberately plain, but correct:
      - sequential 30-day windows, newest first, size=100, explicit startTime/endTime;
      - inside a window, a full page moves endTime to the oldest record's time (inclusive), and
        the records already seen at that instant are dropped from the next page;
      - HMAC-SHA256 with [System.Security.Cryptography.HMACSHA256], lower-case hex;
      - records built as [pscustomobject] with typed values (decimals parsed with the invariant
        culture, so the scale is kept), streamed to Export-Csv.
    No rate-limit handling, no retries, no clock correction: what the typical script lacks.

.EXAMPLE
    ./HandWritten.ps1 -BaseUri http://127.0.0.1:5000 -StartTime 2025-01-01 -EndTime 2026-01-01 -OutFile interest.csv
    (API key and secret from BINANCE_API_KEY / BINANCE_API_SECRET.)
#>
param(
    [string] $BaseUri = 'https://api.binance.com',
    [string] $ApiKey = $env:BINANCE_API_KEY,
    [string] $ApiSecret = $env:BINANCE_API_SECRET,
    [Parameter(Mandatory)][datetime] $StartTime,
    [Parameter(Mandatory)][datetime] $EndTime,
    [Parameter(Mandatory)][string] $OutFile
)

$ErrorActionPreference = 'Stop'

$hmac = [System.Security.Cryptography.HMACSHA256]::new([System.Text.Encoding]::UTF8.GetBytes($ApiSecret))

function Get-Signature([string] $Query) {
    $hash = $hmac.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($Query))
    -join ($hash | ForEach-Object { $_.ToString('x2') })
}

function ConvertTo-EpochMs([datetime] $Time) {
    if ($Time.Kind -eq [DateTimeKind]::Unspecified) { $Time = [datetime]::SpecifyKind($Time, [DateTimeKind]::Utc) }
    [DateTimeOffset]::new($Time.ToUniversalTime()).ToUnixTimeMilliseconds()
}

$invariant = [System.Globalization.CultureInfo]::InvariantCulture
$base = $BaseUri.TrimEnd('/')
$headers = @{ 'X-MBX-APIKEY' = $ApiKey }
$startMs = ConvertTo-EpochMs $StartTime
$endMs = ConvertTo-EpochMs $EndTime
$spanMs = [long] 30 * 24 * 60 * 60 * 1000

& {
    $hi = $endMs
    while ($true) {
        $lo = [Math]::Max($startMs, $hi - $spanMs + 1)
        $ceiling = $hi
        $boundaryTime = $null
        $seenAtBoundary = @{}
        while ($true) {
            $timestamp = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
            $query = "startTime=$lo&endTime=$ceiling&size=100&recvWindow=5000&timestamp=$timestamp"
            $signature = Get-Signature $query
            # Invoke-RestMethod hands back a JSON array as one object; @() keeps a single record an array too.
            $response = Invoke-RestMethod -Uri "$base/sapi/v1/portfolio/interest-history?$query&signature=$signature" -Headers $headers
            $page = @($response)

            foreach ($r in $page) {
                $time = [long] $r.interestAccruedTime
                if ($time -eq $boundaryTime -and $seenAtBoundary.ContainsKey($r.asset)) { continue }
                # [decimal]::Parse keeps the scale Binance sent ("9.80" stays 9.80); a [decimal] cast would not.
                [pscustomobject]@{
                    Asset               = $r.asset
                    Interest            = [decimal]::Parse($r.interest, $invariant)
                    InterestRate        = [decimal]::Parse($r.interestRate, $invariant)
                    Principal           = [decimal]::Parse($r.principal, $invariant)
                    InterestAccruedTime = [DateTimeOffset]::FromUnixTimeMilliseconds($time).UtcDateTime
                }
            }

            if ($page.Count -lt 100) { break }

            $oldest = ($page | Measure-Object -Property interestAccruedTime -Minimum).Minimum
            if ($oldest -eq $ceiling) {
                throw "More than 100 records at $([DateTimeOffset]::FromUnixTimeMilliseconds($oldest).UtcDateTime.ToString('o')); cannot page past them."
            }
            $ceiling = [long] $oldest
            $boundaryTime = [long] $oldest
            $seenAtBoundary = @{}
            foreach ($r in $page) {
                if ([long] $r.interestAccruedTime -eq $boundaryTime) { $seenAtBoundary[$r.asset] = $true }
            }
        }
        if ($lo -le $startMs) { break }
        $hi = $lo - 1
    }
} | Export-Csv -LiteralPath $OutFile -NoTypeInformation

$hmac.Dispose()
