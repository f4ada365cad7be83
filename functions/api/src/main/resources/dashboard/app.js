// mcpulse dashboard. Reads the JSON API, renders with DOM calls only: every server-provided string goes through
// textContent or setAttribute (never HTML parsing), and the page's Content-Security-Policy allows no inline script.
(() => {
  'use strict';

  const API = '/api/mcp/clients';
  const TOKEN_KEY = 'mcpulse.adminToken';
  const REFRESH_MS = 15000;
  const SEARCH_DEBOUNCE_MS = 300;
  const SPARK_CONCURRENCY = 4;
  const CHART_CHECKS = 40; // a row's chart: its last 40 checks
  const SUMMARY_NOTE_AFTER_MS = 10000;
  const SVG = 'http://www.w3.org/2000/svg';

  const STATUS = {
    connected: { glyph: '✓', text: 'Connected' },
    configured_but_unconnected: { glyph: '◌', text: 'Not connected' },
    unhealthy: { glyph: '✕', text: 'Unhealthy' },
  };
  const REASONS = {
    ok: 'all checks pass',
    never_checked: 'not checked yet',
    stale: 'no recent check',
    paused: 'paused in the registry',
    auth_missing: 'secret missing or unreadable',
    auth_rejected: 'credential rejected',
    auth_insufficient_scope: 'credential lacks a scope',
    auth_server_refused: 'authorization server refused the client',
    auth_discovery_failed: 'OAuth sign-in chain broken',
    auth_server_unreachable: 'token endpoint down or erroring',
    timeout: 'timed out',
    unreachable: 'unreachable',
    http_error: 'HTTP error',
    protocol_error: 'protocol error',
    rpc_error: 'JSON-RPC error',
    tool_error: 'readiness tool failed',
  };
  const AUTH_TYPES = {
    'oauth-client-credentials': { text: '🔑 OAuth client', title: 'Signs in with OAuth client credentials' },
    'oauth-discovery': { text: '🔑 OAuth sign-in check', title: 'Checks the sign-in chain users need; holds no credential' },
  };
  const ERAS = { modern: 'modern', 'legacy-streamable-http': 'streamable HTTP', 'legacy-sse': 'HTTP+SSE' };

  // The fleet is read page by page, filtered by the API (fleet-list.js): list.rows are the rows shown, list.summary
  // the whole fleet's counts. Labels seen on any row shown so far feed the label filter's choices.
  const state = { loadedAt: null, status: '', label: '', search: '', sparks: new Map(), labels: new Set() };
  // Rows found by their id show at once; the search of names and URLs may take a few seconds on a large fleet.
  const list = window.mcpulseFleetList.createFleetList(getPage, { onPinned: () => render() });
  const $ = (id) => document.getElementById(id);

  // ---- sign-in (when the API names an OpenID Connect issuer): authorization code + PKCE ----
  // The access token lives in this variable only: never in localStorage, sessionStorage or a cookie, so a reload
  // signs in again (the issuer's own session makes that one redirect). Only the PKCE verifier and state survive the
  // redirect to the issuer, in sessionStorage, and are deleted as soon as the issuer sends the browser back.
  const PKCE_KEY = 'mcpulse.pkce';
  const auth = { mode: 'token', config: null, accessToken: null };

  function base64url(bytes) {
    return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function randomText() {
    return base64url(crypto.getRandomValues(new Uint8Array(32)));
  }

  function redirectUri() {
    return location.origin + '/';
  }

  async function signIn() {
    const verifier = randomText();
    const stateValue = randomText();
    const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state: stateValue, hash: location.hash }));
    const query = new URLSearchParams({
      response_type: 'code', client_id: auth.config.client_id, redirect_uri: redirectUri(),
      scope: auth.config.scope, state: stateValue, code_challenge: challenge, code_challenge_method: 'S256',
    });
    location.assign(auth.config.authorization_endpoint + '?' + query);
  }

  async function completeSignIn() {
    const params = new URLSearchParams(location.search);
    if (!params.has('code') && !params.has('error')) return;
    const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
    sessionStorage.removeItem(PKCE_KEY);
    history.replaceState(null, '', location.pathname + (saved && saved.hash ? saved.hash : ''));
    if (params.has('error') || !saved || saved.state !== params.get('state')) {
      toast('Sign-in did not complete' + (params.has('error') ? ': ' + params.get('error') : ''), true);
      return;
    }
    const response = await fetch(auth.config.token_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code', client_id: auth.config.client_id, code: params.get('code'),
        redirect_uri: redirectUri(), code_verifier: saved.verifier,
      }),
    }).catch(() => null);
    if (!response || !response.ok) {
      toast('Sign-in failed: the identity provider did not issue a token', true);
      return;
    }
    auth.accessToken = (await response.json()).access_token || null;
  }

  async function setUpAuth() {
    try {
      const response = await fetch('/api/auth/config', { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (response.ok) auth.config = await response.json();
    } catch (error) {
      // keep token mode: the API answers for itself
    }
    auth.mode = auth.config && auth.config.mode === 'oidc' ? 'oidc' : 'token';
    if (auth.mode !== 'oidc') return;
    await completeSignIn();
    renderSignedIn();
  }

  function renderSignedIn() {
    $('signin').hidden = auth.mode !== 'oidc' || Boolean(auth.accessToken);
    $('signout').hidden = auth.mode !== 'oidc' || !auth.accessToken;
  }

  /** A request to the API, with the signed-in user's token when there is one. */
  function apiFetch(url, options) {
    const headers = Object.assign({ Accept: 'application/json' }, (options || {}).headers || {});
    if (auth.accessToken) headers.Authorization = 'Bearer ' + auth.accessToken;
    return fetch(url, Object.assign({ cache: 'no-store' }, options || {}, { headers }));
  }

  // ---- small DOM helpers (text only) ----
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function svg(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
    return node;
  }
  function timeNode(iso, prefix, suffix) {
    const node = el('time', 'ticking');
    node.dateTime = iso;
    node.dataset.time = iso;
    node.dataset.prefix = prefix || '';
    node.dataset.suffix = suffix || '';
    node.title = new Date(iso).toLocaleString();
    node.textContent = (prefix || '') + relative(iso) + (suffix || '');
    return node;
  }

  // ---- time ----
  function relative(iso) {
    const ms = Date.now() - Date.parse(iso);
    if (Number.isNaN(ms)) return 'unknown';
    const future = ms < 0;
    const s = Math.round(Math.abs(ms) / 1000);
    let text;
    if (s < 5) return future ? 'in a moment' : 'just now';
    if (s < 60) text = s + ' s';
    else if (s < 3600) text = Math.floor(s / 60) + ' min';
    else if (s < 86400) text = Math.floor(s / 3600) + ' h';
    else text = Math.floor(s / 86400) + ' d';
    return future ? 'in ' + text : text + ' ago';
  }
  function tick() {
    for (const node of document.querySelectorAll('[data-time]')) {
      node.textContent = node.dataset.prefix + relative(node.dataset.time) + node.dataset.suffix;
    }
    if (state.loadedAt) $('refreshed').textContent = 'Updated ' + relative(state.loadedAt.toISOString());
    for (const row of document.querySelectorAll('tr[data-stale-after]')) {
      const chip = row.querySelector('.chip.stale');
      if (chip && Date.now() > Date.parse(row.dataset.staleAfter)) chip.hidden = false;
    }
  }

  // ---- loading ----
  class SignInNeeded extends Error {}

  /** One page of the fleet from the API, parsed; rejects with what went wrong. */
  async function getPage(url) {
    const response = await apiFetch(url);
    if (response.status === 401 && auth.mode === 'oidc') throw new SignInNeeded('sign in to see the fleet');
    if (!response.ok) throw new Error('the API answered HTTP ' + response.status);
    return response.json();
  }

  /** Runs one of the list's loads and shows its outcome: the rows, or why they could not be read. */
  async function show(loading) {
    try {
      if (!(await loading)) return; // overtaken by a newer load, or one already running
      state.loadedAt = new Date();
      $('load-error').hidden = true;
      render();
      loadSparklines();
    } catch (error) {
      const banner = $('load-error');
      if (error instanceof SignInNeeded) {
        auth.accessToken = null;
        renderSignedIn();
        banner.textContent = 'Sign in to see the fleet.';
      } else {
        banner.textContent = 'Could not load the fleet: ' + error.message + '. Retrying…';
      }
      banner.hidden = false;
    }
  }

  /** From the first page, under the filters chosen now. */
  function load() {
    return show(list.reload({ status: state.status, label: state.label, search: state.search }));
  }

  /** The rows shown, read again (the 15 s refresh): see fleet-list.js for why these and no others. */
  function refresh() {
    return show(list.refresh());
  }

  function loadMore() {
    return show(list.loadMore());
  }

  // A chart's request names the newest check the chart holds (history_after), so the api reads only the checks made
  // since: a few read units where the chart's 40 checks read twenty (docs/cost.md). When that check has left the
  // history (the entry's target changed, or it was deleted and added again), the answer is the history whole.
  async function detail(id, after) {
    const since = after ? '&history_after=' + encodeURIComponent(after) : '';
    const response = await apiFetch(API + '/' + encodeURIComponent(id) + '?history=' + CHART_CHECKS + since);
    if (!response.ok) throw new Error('HTTP ' + response.status);
    return response.json();
  }

  // A row's chart (its recent checks and the uptime over them) changes only with a new check, so it is asked for
  // again only when the row shows a last check other than the chart's: once a probe interval, not once a minute.
  async function loadSparklines() {
    const due = visibleEndpoints()
      .filter((e) => e.last_check_at)
      .filter((e) => {
        const cached = state.sparks.get(e.id);
        return !cached || cached.lastCheck !== e.last_check_at;
      })
      .map((e) => e.id);
    const worker = async () => {
      while (due.length) {
        const id = due.shift();
        try {
          const held = state.sparks.get(id);
          const body = await detail(id, held && held.history.length ? held.history[0].checked_at : null);
          rememberSpark(id, body);
          const cell = document.querySelector('tr[data-id="' + CSS.escape(id) + '"] .spark-slot');
          if (cell) cell.replaceChildren(...sparkNodes(state.sparks.get(id)));
        } catch (error) {
          // the row still shows latency; the chart just stays empty
        }
      }
    };
    await Promise.all(Array.from({ length: SPARK_CONCURRENCY }, worker));
  }

  function rememberSpark(id, body) {
    const held = state.sparks.get(id);
    const history = body.history_continues && held
      ? body.history.concat(held.history).slice(0, CHART_CHECKS)
      : body.history;
    state.sparks.set(id, { lastCheck: body.endpoint.last_check_at, history, uptime: uptimeOf(history) });
  }

  // As the api counts it (Payloads.detail): checks that connected, and their share to one decimal.
  function uptimeOf(history) {
    const ok = history.filter((c) => c.ok).length;
    return { checks: history.length, ok, percent: history.length ? Math.round((ok * 1000) / history.length) / 10 : null };
  }

  // ---- rendering ----
  function render() {
    if (!list.summary) return;
    renderSummary(list);
    renderScheduler(list.scheduler);
    renderLabelOptions(list.rows);
    const rows = visibleEndpoints().map(row);
    $('rows').replaceChildren(...rows);
    $('empty').hidden = rows.length > 0 || Boolean(list.next);
    $('load-more').hidden = !list.next;
    $('page-note').textContent = rows.length === 0 && !list.next ? ''
      : 'Showing ' + rows.length + (list.next ? '; more below' : (rows.length === 1 ? ' endpoint' : ' endpoints'));
    renderStatusButtons();
  }

  function renderStatusButtons() {
    for (const button of document.querySelectorAll('[data-filter-status]')) {
      button.setAttribute('aria-pressed', String(button.dataset.filterStatus === state.status));
    }
  }

  function renderSummary(fleet) {
    $('count-total').textContent = fleet.summary.total;
    for (const status of Object.keys(STATUS)) {
      $('count-' + status).textContent = fleet.summary.by_status[status] ?? 0;
    }
    $('count-stale').textContent = fleet.summary.stale;
    // A fleet of over 100 endpoints is counted by the scheduler's last cycle, not at each request: say when.
    const counted = fleet.summary.counted_at;
    const behind = Date.parse(fleet.generatedAt) - Date.parse(counted);
    $('count-note').replaceChildren(...(behind > SUMMARY_NOTE_AFTER_MS ? [timeNode(counted, 'counted ')] : []));
  }

  // The configured interval as it is, never rounded: 30 -> "30 s", 90 -> "90 s", 300 -> "5 min", 7200 -> "2 h".
  function intervalText(seconds) {
    if (seconds >= 3600 && seconds % 3600 === 0) return seconds / 3600 + ' h';
    if (seconds >= 60 && seconds % 60 === 0) return seconds / 60 + ' min';
    return seconds + ' s';
  }

  function renderScheduler(scheduler) {
    const last = $('scheduler-last');
    const card = last.closest('.card');
    card.classList.toggle('late', scheduler.late);
    const every = intervalText(scheduler.interval_seconds);
    $('scheduler-note').textContent = 'expected every ' + every;
    if (scheduler.last_cycle_at) {
      last.replaceChildren(timeNode(scheduler.last_cycle_at, (scheduler.late ? '⚠ ' : '✓ ') + 'ran '));
    } else {
      last.textContent = '⚠ no cycle yet';
    }
    const banner = $('scheduler-banner');
    banner.hidden = !scheduler.late;
    if (scheduler.late) {
      const text = $('scheduler-banner-text');
      text.replaceChildren();
      if (scheduler.last_cycle_at) {
        text.append(' Its last cycle ran ', timeNode(scheduler.last_cycle_at, ''),
          ', but it should run every ' + every +
          '. Statuses below may be out of date.');
      } else {
        text.append(' No scheduler cycle has been recorded yet, so no endpoint is being checked on schedule.');
      }
    }
  }

  // The choices are the labels of every row shown so far (the API lists no labels of its own), and the chosen one.
  function renderLabelOptions(endpoints) {
    const select = $('label-filter');
    const labels = state.labels;
    for (const e of endpoints) for (const [k, v] of Object.entries(e.labels || {})) labels.add(k + ':' + v);
    if (state.label) labels.add(state.label);
    const wanted = ['', ...[...labels].sort()];
    const current = [...select.options].map((o) => o.value);
    if (wanted.join('\n') !== current.join('\n')) {
      select.replaceChildren(...wanted.map((value) => {
        const option = el('option', null, value === '' ? 'All labels' : value.replace(':', ' = '));
        option.value = value;
        return option;
      }));
    }
    select.value = labels.has(state.label) ? state.label : '';
  }

  /** The rows as the API filtered them: nothing is filtered here. */
  function visibleEndpoints() {
    return list.rows;
  }

  function cell(label, className) {
    const td = el('td', className);
    td.dataset.label = label;
    return td;
  }

  function row(e) {
    const tr = el('tr');
    tr.dataset.id = e.id;
    if (e.stale_after) tr.dataset.staleAfter = e.stale_after;

    const status = STATUS[e.status] || { glyph: '?', text: e.status };
    const statusCell = cell('Status');
    const badge = el('span', 'status ' + e.status);
    badge.append(el('span', 'dot'), el('span', 'glyph', status.glyph), el('span', null, status.text));
    badge.firstChild.setAttribute('aria-hidden', 'true');
    badge.children[1].setAttribute('aria-hidden', 'true');
    statusCell.append(badge);

    const nameCell = cell('Endpoint', 'endpoint');
    nameCell.append(el('div', 'name', e.name), el('div', 'ident', e.id), el('div', 'ident', e.url));
    const labels = el('div', 'labels');
    for (const [k, v] of Object.entries(e.labels || {}).sort()) labels.append(el('span', 'chip label', k + '=' + v));
    if (!e.enabled) labels.append(el('span', 'chip paused', '⏸ paused'));
    const authType = AUTH_TYPES[e.auth && e.auth.type];
    if (authType) {
      const chip = el('span', 'chip auth', authType.text);
      // When the access token expires, never the token: the API has no token to give.
      chip.title = authType.title + (e.token_expires_at ? '; access token expires ' + new Date(e.token_expires_at).toLocaleString() : '');
      labels.append(chip);
    }
    if (labels.childElementCount) nameCell.append(labels);

    const reasonCell = cell('Reason', 'why');
    const reason = el('div', 'reason', e.reason);
    reason.title = REASONS[e.reason] || e.reason;
    reasonCell.append(reason, el('div', 'muted', REASONS[e.reason] || ''));
    if (e.last_error) {
      const details = el('details', 'error');
      const summary = el('summary', null, e.last_error.length > 90 ? e.last_error.slice(0, 90) + '…' : e.last_error);
      summary.title = e.last_error;
      details.append(summary, el('pre', null, e.last_error));
      reasonCell.append(details);
    }

    const checkCell = cell('Last check', 'when');
    if (e.last_check_at) {
      checkCell.append(timeNode(e.last_check_at, 'checked '));
    } else {
      checkCell.append(el('span', 'muted', 'never'));
    }
    const stale = el('span', 'chip stale', '◷ stale');
    stale.title = 'No check since the expected cycle: this status may no longer be true';
    stale.hidden = !(e.reason === 'stale' || (e.stale_after && Date.now() > Date.parse(e.stale_after)));
    const chips = el('div', 'labels');
    chips.append(stale);
    if (e.consecutive_failures > 1) chips.append(el('span', 'chip', e.consecutive_failures + ' failures in a row'));
    checkCell.append(chips);

    const latencyCell = cell('Latency');
    latencyCell.append(el('div', 'num', e.latency_ms === null ? '–' : e.latency_ms + ' ms'));
    const slot = el('div', 'spark-slot');
    const spark = state.sparks.get(e.id);
    if (spark) slot.append(...sparkNodes(spark));
    latencyCell.append(slot);

    const toolsCell = cell('Tools');
    toolsCell.append(el('div', 'num', e.tools_count === null ? '–' : e.tools_count));
    if (e.tools_changed_at && Date.now() - Date.parse(e.tools_changed_at) < 24 * 3600 * 1000) {
      const changed = el('span', 'chip changed');
      changed.append('⟳ changed ', timeNode(e.tools_changed_at, ''));
      changed.title = 'The tool list (names, descriptions or schemas) changed';
      toolsCell.append(changed);
    }

    const protocolCell = cell('Protocol');
    if (e.era || e.protocol_version) {
      protocolCell.append(el('div', null, ERAS[e.era] || e.era || ''), el('div', 'ident', e.protocol_version || ''));
    } else {
      protocolCell.append(el('span', 'muted', '–'));
    }
    if (e.server && e.server.name) {
      protocolCell.append(el('div', 'ident', e.server.name + (e.server.version ? ' ' + e.server.version : '')));
    }

    const actionCell = cell('', 'actions');
    const button = el('button', 'check', 'Check now');
    button.type = 'button';
    button.setAttribute('aria-label', 'Check ' + e.name + ' now');
    button.addEventListener('click', () => checkNow(e.id, button));
    actionCell.append(button);

    tr.append(statusCell, nameCell, reasonCell, checkCell, latencyCell, toolsCell, protocolCell, actionCell);
    return tr;
  }

  function sparkNodes(spark) {
    const checks = (spark.history || []).slice(0, 40).reverse();
    if (checks.length < 2) return [el('span', 'uptime', spark.uptime && spark.uptime.percent !== null ? spark.uptime.percent + '% up' : '')];
    const width = 120, height = 28, pad = 3;
    const max = Math.max(...checks.map((c) => c.latency_ms), 1);
    const x = (i) => pad + (i * (width - 2 * pad)) / (checks.length - 1);
    const y = (ms) => height - pad - (ms / max) * (height - 2 * pad);
    const chart = svg('svg', { class: 'spark', width, height, viewBox: '0 0 ' + width + ' ' + height, role: 'img' });
    const up = spark.uptime.percent;
    chart.setAttribute('aria-label', 'Latency of the last ' + checks.length + ' checks; ' + up + '% succeeded');
    chart.append(svg('line', { class: 'base', x1: pad, x2: width - pad, y1: height - pad, y2: height - pad }));
    chart.append(svg('polyline', { points: checks.map((c, i) => x(i).toFixed(1) + ',' + y(c.latency_ms).toFixed(1)).join(' ') }));
    checks.forEach((c, i) => {
      if (!c.ok) chart.append(svg('circle', { class: 'fail', cx: x(i).toFixed(1), cy: height - pad, r: 2.2 }));
    });
    const title = svg('title');
    title.textContent = 'max ' + max + ' ms · ' + spark.uptime.ok + ' of ' + spark.uptime.checks + ' checks ok';
    chart.append(title);
    return [chart, el('span', 'uptime', up + '% up · last ' + spark.uptime.checks)];
  }

  // ---- check now ----
  async function checkNow(id, button) {
    button.disabled = true;
    button.textContent = 'Checking…';
    try {
      const response = await adminFetch(API + '/' + encodeURIComponent(id) + '/check', { method: 'POST' });
      if (!response) return;
      if (!response.ok) {
        const error = await response.json().catch(() => ({}));
        throw new Error(error.message || 'HTTP ' + response.status);
      }
      const body = await response.json();
      rememberSpark(id, body);
      list.replace(body.endpoint);
      render();
      toast((body.endpoint.name || id) + ': ' + (STATUS[body.endpoint.status] || {}).text + ' (' + body.endpoint.reason + ')');
      refresh(); // the summary counts changed too
    } catch (error) {
      toast('Check of ' + id + ' failed: ' + error.message, true);
    } finally {
      button.disabled = false;
      button.textContent = 'Check now';
    }
  }

  function askToken(message) {
    const dialog = $('token-dialog');
    const input = $('token-input');
    const error = $('token-error');
    error.textContent = message;
    error.hidden = !message;
    input.value = '';
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => {
        const token = dialog.returnValue === 'ok' ? input.value.trim() : '';
        input.value = '';
        resolve(token || null);
      }, { once: true });
      dialog.returnValue = '';
      dialog.showModal();
      input.focus();
    });
  }

  // ---- admin requests: ask for the token once per tab, ask again when it is refused ----
  async function adminFetch(url, options) {
    if (auth.mode === 'oidc') {
      if (!auth.accessToken) {
        await signIn();
        return null;
      }
      const response = await apiFetch(url, options);
      if (response.status === 401) {
        auth.accessToken = null;
        renderSignedIn();
        toast('Your sign-in has expired: sign in again', true);
      }
      return response;
    }
    let token = sessionStorage.getItem(TOKEN_KEY) || await askToken('');
    if (!token) return null;
    const send = (t) => fetch(url, Object.assign({ cache: 'no-store' }, options, {
      headers: Object.assign({ Accept: 'application/json', Authorization: 'Bearer ' + t }, options.headers || {}),
    }));
    let response = await send(token);
    if (response.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      token = await askToken('That token was not accepted. Try again.');
      if (!token) return null;
      response = await send(token);
    }
    if (response.status !== 401) {
      sessionStorage.setItem(TOKEN_KEY, token);
      $('admin').hidden = false;
    }
    return response;
  }

  // ---- add an endpoint: validate (one real probe, nothing stored), then save ----
  function entryFromForm() {
    const form = $('add-form').elements;
    const value = (name) => form[name].value.trim();
    const entry = { id: value('id'), url: value('url'), transport: value('transport') };
    if (value('name')) entry.name = value('name');
    if (value('timeoutMs')) entry.timeoutMs = Number(value('timeoutMs'));
    if (value('intervalSeconds')) entry.intervalSeconds = Number(value('intervalSeconds'));
    const authType = value('authType');
    if (authType === 'bearer') entry.auth = { type: 'bearer', secret: value('secret') };
    if (authType === 'header') entry.auth = { type: 'header', name: value('header'), secret: value('secret') };
    if (value('tool')) entry.readiness = { tool: value('tool'), arguments: {} };
    const labels = value('labels');
    if (labels) {
      entry.labels = {};
      for (const pair of labels.split(',')) {
        const [key, ...rest] = pair.split('=');
        if (key.trim()) entry.labels[key.trim()] = rest.join('=').trim();
      }
    }
    return entry;
  }

  function showAddResult(nodes, bad) {
    const box = $('add-result');
    box.replaceChildren(...nodes);
    box.className = 'add-result' + (bad ? ' bad' : '');
    box.hidden = false;
  }

  function fieldErrors(error) {
    const list = el('ul');
    for (const problem of error.errors || []) {
      list.append(el('li', '', (problem.field ? problem.field + ': ' : '') + problem.message));
    }
    return [el('div', 'verdict', error.message || 'The entry is not valid'), list];
  }

  async function testEntry(event) {
    event.preventDefault();
    const save = $('add-save');
    save.disabled = true;
    const entry = entryFromForm();
    const test = $('add-test');
    test.disabled = true;
    test.textContent = 'Testing…';
    try {
      const response = await adminFetch('/api/mcp/endpoints:validate',
        { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(entry) });
      if (!response) return;
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        showAddResult(fieldErrors(body), true);
        return;
      }
      const status = STATUS[body.status] || { glyph: '?', text: body.status };
      const nodes = [el('div', 'verdict status-' + body.status,
        status.glyph + ' ' + status.text + ' — ' + (REASONS[body.reason] || body.reason))];
      if (body.error) nodes.push(el('div', 'error-text', body.error));
      if (body.tools_count != null) nodes.push(el('div', 'muted', body.tools_count + ' tools · ' + body.latency_ms + ' ms'));
      showAddResult(nodes, body.status !== 'connected');
      save.dataset.entry = JSON.stringify(entry);
      save.disabled = false;
    } catch (error) {
      showAddResult([el('div', 'verdict', 'Test failed: ' + error.message)], true);
    } finally {
      test.disabled = false;
      test.textContent = 'Test';
    }
  }

  async function saveEntry() {
    const entry = JSON.parse($('add-save').dataset.entry);
    const response = await adminFetch('/api/mcp/endpoints/' + encodeURIComponent(entry.id),
      { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(entry) });
    if (!response) return;
    if (!response.ok) {
      showAddResult(fieldErrors(await response.json().catch(() => ({}))), true);
      return;
    }
    $('add-dialog').close();
    toast('Saved ' + entry.id + '; it is probed from the next cycle');
    load();
  }

  function openAddDialog() {
    $('add-form').reset();
    $('add-result').hidden = true;
    $('add-save').disabled = true;
    syncAuthFields();
    $('add-dialog').showModal();
  }

  function syncAuthFields() {
    const type = $('add-form').elements.authType.value;
    for (const node of document.querySelectorAll('[data-auth]')) node.hidden = type === 'none';
    for (const node of document.querySelectorAll('[data-auth-header]')) node.hidden = type !== 'header';
  }

  function toast(text, bad) {
    const node = el('div', 'toast' + (bad ? ' bad' : ''), text);
    $('toasts').append(node);
    setTimeout(() => node.remove(), 5000);
  }

  // ---- filters in the URL, so a filtered view can be shared ----
  function readHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    state.status = STATUS[params.get('status')] ? params.get('status') : '';
    state.label = params.get('label') || '';
    state.search = params.get('q') || '';
    $('search').value = state.search;
  }
  function writeHash() {
    const params = new URLSearchParams();
    if (state.status) params.set('status', state.status);
    if (state.label) params.set('label', state.label);
    if (state.search) params.set('q', state.search);
    const hash = params.toString();
    history.replaceState(null, '', hash ? '#' + hash : location.pathname);
  }

  async function init() {
    readHash();
    await setUpAuth();
    $('signin').addEventListener('click', signIn);
    $('signout').addEventListener('click', () => {
      auth.accessToken = null;
      renderSignedIn();
      toast('Signed out of this page');
      load();
    });
    // A filter is the API's: changing one reads again from the first page.
    for (const button of document.querySelectorAll('[data-filter-status]')) {
      button.addEventListener('click', () => {
        state.status = button.dataset.filterStatus;
        writeHash();
        renderStatusButtons();
        load();
      });
    }
    $('label-filter').addEventListener('change', (event) => {
      state.label = event.target.value;
      writeHash();
      load();
    });
    let searchTimer = null;
    $('search').addEventListener('input', (event) => {
      state.search = event.target.value;
      writeHash();
      clearTimeout(searchTimer); // one request when typing pauses, not one per key
      searchTimer = setTimeout(load, SEARCH_DEBOUNCE_MS);
    });
    $('refresh').addEventListener('click', refresh);
    $('load-more').addEventListener('click', loadMore);
    if ('IntersectionObserver' in window) {
      // Scrolling to the end of the rows loads the next page, as the button would.
      new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting) && list.next) loadMore();
      }).observe($('load-more'));
    }
    $('add-open').addEventListener('click', openAddDialog);
    $('add-cancel').addEventListener('click', () => $('add-dialog').close());
    $('add-form').addEventListener('submit', testEntry);
    $('add-form').addEventListener('input', () => { $('add-save').disabled = true; });
    $('add-form').elements.authType.addEventListener('change', syncAuthFields);
    $('add-save').addEventListener('click', saveEntry);
    $('admin').hidden = !sessionStorage.getItem(TOKEN_KEY);
    $('admin').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      $('admin').hidden = true;
      toast('Admin token forgotten for this tab');
    });
    load();
    setInterval(refresh, REFRESH_MS);
    setInterval(tick, 1000);
  }

  document.addEventListener('DOMContentLoaded', init);
})();
