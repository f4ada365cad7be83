// Drives the dashboard's fleet list (fleet-list.js, as the api serves it) against a running api, step by step, and
// prints one JSON line per step: what the list then holds. Each request carries the step's name in X-Test-Step, so
// the test can tell which requests a step made. Usage: node fleet-list-driver.mjs <base URL ending in />
import vm from 'node:vm';

const base = process.argv[2];
const source = await (await fetch(new URL('assets/fleet-list.js', base))).text();
const sandbox = { URLSearchParams }; // a browser's global the script uses
vm.createContext(sandbox);
vm.runInContext(source, sandbox, { filename: 'fleet-list.js' });
const { createFleetList } = sandbox.mcpulseFleetList;

let step = '';
async function get(url) {
  const response = await fetch(new URL(url, base), { headers: { Accept: 'application/json', 'X-Test-Step': step } });
  if (!response.ok) throw new Error('HTTP ' + response.status + ' for ' + url);
  return response.json();
}

// What the list held each time it said its rows found by id were in, with the requests made by then.
let pinnedSeen = [];
let requestsMade = 0;
const counted = (url) => { requestsMade++; return get(url); };
const list = createFleetList(counted, { onPinned: () => pinnedSeen.push({ ids: list.rows.map((e) => e.id), requests: requestsMade }) });

async function run(name, action) {
  step = name;
  pinnedSeen = [];
  requestsMade = 0;
  const result = await action();
  const rows = list.rows;
  console.log(JSON.stringify({
    step: name,
    result,
    rows: rows.length,
    ids: rows.map((e) => e.id),
    statuses: [...new Set(rows.map((e) => e.status))],
    teams: [...new Set(rows.map((e) => (e.labels || {}).team))],
    next: list.next,
    pages: list.pages,
    total: list.summary ? list.summary.total : null,
    pinnedSeen,
  }));
}

await run('first', () => list.reload({}));
await run('more', () => list.loadMore());
await run('refresh', () => list.refresh());
await run('filtered', () => list.reload({ status: 'connected', label: 'team:payments', search: ' EP-0 ' }));
await run('overtaken', async () => {
  const slow = list.reload({ search: 'ep-00' });
  const fast = list.reload({ status: 'unhealthy' });
  return [await slow, await fast];
});
await run('more-after-last', () => list.loadMore());
await run('by-id', () => list.reload({ search: 'EP-0999' }));
await run('by-name', () => list.reload({ search: 'Endpoint 99' }));
