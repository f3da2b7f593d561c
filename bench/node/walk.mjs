// Node baseline for the PmInterest benchmarks.
//
// Walks GET /sapi/v1/portfolio/interest-history the way a careful Node user would: sequential
// 30-day windows, newest first, size=100; inside a window a full page moves endTime to the
// oldest record's time (inclusive) and the records already seen at that instant are dropped
// from the next page. Every record is written to a CSV file. Prints one JSON line with the
// figures on stdout.
//
//   node walk.mjs --base-uri http://127.0.0.1:5000/ --start <ms> --end <ms> --out file.csv
//                 [--client connector|fetch]
//   API key and secret come from BINANCE_API_KEY and BINANCE_API_SECRET (never the command line).
//
// --client connector (default): the official connector @binance/derivatives-trading-portfolio-margin-pro
//   (restAPI.queryPortfolioMarginProNegativeBalanceInterestHistory), basePath pointed at the emulator.
// --client fetch: the same loop with Node's own fetch and crypto (HMAC-SHA256), no dependency.
//   It is also what runs when the connector is not installed; the JSON line then says so.

import { createHmac } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';

const SPAN_MS = 30 * 24 * 60 * 60 * 1000;
const PAGE_SIZE = 100;
const CONNECTOR = '@binance/derivatives-trading-portfolio-margin-pro';

function parseArgs(argv) {
    const options = { client: 'connector' };
    for (let i = 0; i < argv.length; i++) {
        const name = argv[i];
        const value = argv[i + 1];
        if (!name.startsWith('--') || value === undefined) {
            throw new Error(`Unexpected argument '${name}'.`);
        }
        options[name.slice(2)] = value;
        i++;
    }
    for (const required of ['base-uri', 'start', 'end', 'out']) {
        if (!options[required]) throw new Error(`--${required} is required.`);
    }
    if (!['connector', 'fetch'].includes(options.client)) {
        throw new Error(`--client takes connector or fetch, not '${options.client}'.`);
    }
    return options;
}

// A page fetcher on the official connector; null when the package is not installed.
async function connectorFetcher(baseUri, apiKey, apiSecret) {
    let module;
    try {
        module = await import(CONNECTOR);
    } catch (error) {
        return { fetchPage: null, reason: `cannot load ${CONNECTOR}: ${error.message}` };
    }
    const packageJson = JSON.parse(await readFile(new URL(`./node_modules/${CONNECTOR}/package.json`, import.meta.url), 'utf8'));
    const client = new module.DerivativesTradingPortfolioMarginPro({
        configurationRestAPI: {
            apiKey,
            apiSecret,
            basePath: baseUri.replace(/\/+$/, ''),
            timeout: 30000,
        },
    });
    const fetchPage = async (startTime, endTime) => {
        const response = await client.restAPI.queryPortfolioMarginProNegativeBalanceInterestHistory({
            startTime,
            endTime,
            size: PAGE_SIZE,
        });
        return response.data();
    };
    return { fetchPage, name: `${CONNECTOR} ${packageJson.version}` };
}

// A page fetcher on Node's fetch and crypto: the leanest client that does the same walk.
function plainFetcher(baseUri, apiKey, apiSecret) {
    const base = baseUri.replace(/\/+$/, '');
    const fetchPage = async (startTime, endTime) => {
        const query = `startTime=${startTime}&endTime=${endTime}&size=${PAGE_SIZE}&recvWindow=5000&timestamp=${Date.now()}`;
        const signature = createHmac('sha256', apiSecret).update(query).digest('hex');
        const response = await fetch(`${base}/sapi/v1/portfolio/interest-history?${query}&signature=${signature}`, {
            headers: { 'X-MBX-APIKEY': apiKey },
        });
        const text = await response.text();
        if (!response.ok) {
            throw new Error(`HTTP ${response.status}: ${text}`);
        }
        return JSON.parse(text);
    };
    return { fetchPage, name: `node ${process.version} fetch + crypto` };
}

function csvField(value) {
    return `"${String(value).replace(/"/g, '""')}"`;
}

function csvLine(r) {
    const time = new Date(Number(r.interestAccruedTime)).toISOString();
    return `${csvField(r.asset)},${csvField(r.interest)},${csvField(r.interestRate)},${csvField(r.principal)},${csvField(time)}\n`;
}

async function main() {
    const options = parseArgs(process.argv.slice(2));
    const apiKey = process.env.BINANCE_API_KEY;
    const apiSecret = process.env.BINANCE_API_SECRET;
    if (!apiKey || !apiSecret) throw new Error('Set BINANCE_API_KEY and BINANCE_API_SECRET.');
    const startMs = Number(options.start);
    const endMs = Number(options.end);

    let fetcher;
    let fallback = null;
    if (options.client === 'connector') {
        fetcher = await connectorFetcher(options['base-uri'], apiKey, apiSecret);
        if (!fetcher.fetchPage) {
            fallback = fetcher.reason;
            fetcher = plainFetcher(options['base-uri'], apiKey, apiSecret);
        }
    } else {
        fetcher = plainFetcher(options['base-uri'], apiKey, apiSecret);
    }

    const out = createWriteStream(options.out, { encoding: 'utf8' });
    out.write('"Asset","Interest","InterestRate","Principal","InterestAccruedTime"\n');

    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    let requests = 0;
    let records = 0;
    for (let hi = endMs; ; ) {
        const lo = Math.max(startMs, hi - SPAN_MS + 1);
        let ceiling = hi;
        let boundaryTime = null;
        let boundary = new Set();
        for (;;) {
            const page = await fetcher.fetchPage(lo, ceiling);
            requests++;
            let chunk = '';
            let oldest = Number.MAX_SAFE_INTEGER;
            for (const r of page) {
                const t = Number(r.interestAccruedTime);
                if (t === boundaryTime && boundary.has(r.asset)) continue; // already written
                chunk += csvLine(r);
                records++;
                if (t < oldest) oldest = t;
            }
            if (chunk) out.write(chunk);
            if (page.length < PAGE_SIZE) break;
            oldest = Math.min(oldest, ...page.map((r) => Number(r.interestAccruedTime)));
            if (oldest === ceiling) {
                throw new Error(`More than ${PAGE_SIZE} records at ${new Date(oldest).toISOString()}; this loop cannot page past them.`);
            }
            ceiling = oldest;
            boundaryTime = oldest;
            boundary = new Set(page.filter((r) => Number(r.interestAccruedTime) === oldest).map((r) => r.asset));
        }
        if (lo <= startMs) break;
        hi = lo - 1;
    }
    out.end();
    await once(out, 'finish');
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;

    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    process.stdout.write(JSON.stringify({ client: fetcher.name, fallback, records, requests, elapsedMs, cpuMs, maxRssBytes }) + '\n');
}

main().catch((error) => {
    process.stderr.write(`walk.mjs: ${error.stack || error.message}\n`);
    process.exit(1);
});
