// The official TypeScript MCP client (@modelcontextprotocol/client v2) probing a fleet file the way
// `mcpulse-probe --fleet FILE --all` does, for benchmark B8: every entry connected (the client negotiates the era),
// its tools listed, its readiness tool called when the entry names one, the session ended (an HTTP DELETE where the
// server gave one, as mcpulse sends; without it each probe leaves a session behind on the server) and the client
// closed. At most --concurrency probes at once, --repeat rounds. One JSON line per probe, then a summary line of the
// same shape as mcpulse-probe's: per round its wall time and this process's CPU per probe (process.cpuUsage():
// user+sys of every thread).
//
//   node probe-fleet.mjs --fleet FILE.json --concurrency N --repeat R [--liveness-only]
import { readFileSync } from 'node:fs';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const options = parse(process.argv.slice(2));
const fleet = JSON.parse(readFileSync(options.fleet, 'utf8')).endpoints;
const concurrency = Number(options.concurrency ?? fleet.length);
const rounds = Number(options.repeat ?? 1);

const total = {};
const perRound = [];
for (let round = 1; round <= rounds; round++) {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const outcomes = await probeAll(fleet, concurrency, round);
  const wallMs = Math.round(performance.now() - started);
  const cpu = process.cpuUsage(cpuBefore);
  const byOutcome = {};
  for (const outcome of outcomes) {
    byOutcome[outcome] = (byOutcome[outcome] ?? 0) + 1;
    total[outcome] = (total[outcome] ?? 0) + 1;
  }
  const cpuMsPerProbe = Math.round((cpu.user + cpu.system) / 10 / outcomes.length) / 100;
  perRound.push({ round, wallMs, cpuMsPerProbe, byOutcome });
}
console.log(JSON.stringify({ summary: { endpoints: fleet.length, rounds, concurrency, byOutcome: total, perRound } }));

async function probeAll(entries, limit, round) {
  const outcomes = new Array(entries.length);
  let next = 0;
  async function worker() {
    while (next < entries.length) {
      const index = next++;
      outcomes[index] = await probe(entries[index]);
      console.log(JSON.stringify({ id: entries[index].id, round, outcome: outcomes[index] }));
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, entries.length) }, worker));
  return outcomes;
}

async function probe(entry) {
  const timeout = entry.timeoutMs ?? 10000;
  const client = new Client({ name: 'mcpulse-bench-peer', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(entry.url));
  try {
    await client.connect(transport, { timeout });
    await client.listTools(undefined, { timeout });
    const tool = options['liveness-only'] ? undefined : entry.readiness?.tool;
    if (tool) {
      const result = await client.callTool({ name: tool, arguments: entry.readiness.arguments ?? {} }, { timeout });
      if (result.isError) {
        return 'tool_error';
      }
    }
    return 'ok';
  } catch (error) {
    return /timed? ?out/i.test(String(error?.message)) ? 'timeout' : 'error';
  } finally {
    if (transport.sessionId) {
      await transport.terminateSession().catch(() => {});
    }
    await client.close().catch(() => {});
  }
}

function parse(args) {
  const parsed = {};
  for (let i = 0; i < args.length; i++) {
    const name = args[i].replace(/^--/, '');
    if (name === 'liveness-only') {
      parsed[name] = true;
    } else {
      parsed[name] = args[++i];
    }
  }
  if (!parsed.fleet) {
    console.error('usage: node probe-fleet.mjs --fleet FILE.json [--concurrency N] [--repeat R] [--liveness-only]');
    process.exit(2);
  }
  return parsed;
}
