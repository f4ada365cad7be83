// mcpulse dashboard: the fleet list's requests. The API pages and filters (GET /api/mcp/clients with status, label,
// search, limit and the opaque next cursor); this keeps the rows loaded so far and decides every request, so that the
// page never reads the whole fleet. No DOM here: app.js renders, and Node runs this file in the api module's tests.
(function (root) {
  'use strict';

  const API = '/api/mcp/clients';
  const PAGE_SIZE = 100; // the API's default page
  // A sparse filter can answer a page with few rows, or none, and a next (the API examines at most 2,000 entries a
  // request): one "load more" follows next until it has a page's worth of rows, up to this many requests.
  const MAX_FOLLOW = 10;
  // A search that could begin an endpoint id (ids are 1-63 of a-z, 0-9, '.', '_', '-') also asks for the ids that start
  // with it: the API answers that from the table's keys at once, however large the fleet, while the search of names
  // and URLs examines the fleet a slice at a time. Those rows come first, so an endpoint is found by its id in one step.
  const ID_SHAPE = /^[a-z0-9][a-z0-9._-]{0,62}$/;

  function idPrefixOf(filters) {
    const text = (filters.search || '').trim().toLowerCase();
    return ID_SHAPE.test(text) ? text : null;
  }

  /** The query of one request: the filters as the API takes them, then the page size and the cursor. */
  function requestUrl(filters, next, limit) {
    const query = new URLSearchParams();
    if (filters.status) query.set('status', filters.status);
    if (filters.label) query.set('label', filters.label);
    const search = (filters.search || '').trim();
    if (search) query.set('search', search);
    if (filters.idPrefix) query.set('id_prefix', filters.idPrefix);
    query.set('limit', String(limit || PAGE_SIZE));
    if (next) query.set('next', next);
    return API + '?' + query;
  }

  /**
   * The list under the current filters. {@code get(url)} resolves to the parsed page (or rejects). A change of filters
   * starts again from the first page; an answer to a request made under other filters, or overtaken by a newer load,
   * is dropped, so a slow response can never show rows of a filter no longer chosen. {@code options.onPinned} is
   * called when a new search's rows found by their id are in, before its other requests: they can be shown at once.
   */
  function createFleetList(get, options) {
    const pageSize = (options && options.pageSize) || PAGE_SIZE;
    const onPinned = (options && options.onPinned) || (() => {});
    const list = {
      filters: { status: '', label: '', search: '' },
      rows: [],
      next: null,
      pages: 0, // search requests whose rows are shown: a refresh makes as many again
      summary: null,
      scheduler: null,
      generatedAt: null, // the server's time of the page the summary came with
      loading: false,
    };
    let generation = 0;

    function take(page) {
      if (page.summary) {
        list.summary = page.summary;
        list.generatedAt = page.generated_at;
      }
      if (page.scheduler) list.scheduler = page.scheduler;
    }

    /** Pages from {@code next} until {@code wanted} rows came or {@code maxRequests} were made; null if overtaken. */
    async function fetchRows(filters, next, wanted, maxRequests, mine) {
      const rows = [];
      let cursor = next;
      let requests = 0;
      let first = null;
      do {
        const page = await get(requestUrl(filters, cursor, pageSize));
        if (mine !== generation) return null;
        first = first || page;
        requests++;
        rows.push(...(page.endpoints || []));
        cursor = page.next || null;
      } while (cursor && rows.length < wanted && requests < maxRequests);
      return { rows, next: cursor, requests, first };
    }

    /**
     * Up to a page of the rows whose id starts with the search text, when it could begin an id; none otherwise.
     * Null if overtaken.
     */
    async function fetchPinned(filters, mine) {
      const prefix = idPrefixOf(filters);
      if (!prefix) return [];
      const page = await get(requestUrl({ status: filters.status, label: filters.label, idPrefix: prefix }, null, pageSize));
      if (mine !== generation) return null;
      take(page);
      return page.endpoints || [];
    }

    /** The rows shown: those pinned by their id first, then the search's, each once. */
    function showRows(pinned, rows) {
      const ids = new Set(pinned.map((e) => e.id));
      list.rows = pinned.concat(rows.filter((e) => !ids.has(e.id)));
    }

    /**
     * From the first page under {@code filters} (the current ones when omitted). With rows found by their id, the
     * search of names and URLs makes one request, not up to MAX_FOLLOW: what it did not reach, "load more" reads.
     */
    async function reload(filters) {
      if (filters) list.filters = Object.assign({ status: '', label: '', search: '' }, filters);
      const mine = ++generation;
      list.loading = true;
      try {
        const pinned = await fetchPinned(list.filters, mine);
        if (!pinned) return false;
        if (pinned.length) {
          showRows(pinned, []);
          list.next = null;
          onPinned();
        }
        const got = await fetchRows(list.filters, null, pageSize, pinned.length ? 1 : MAX_FOLLOW, mine);
        if (!got) return false;
        showRows(pinned, got.rows);
        list.next = got.next;
        list.pages = got.requests;
        take(got.first);
        return true;
      } finally {
        if (mine === generation) list.loading = false;
      }
    }

    /** The rows after those shown, when there are more and nothing is loading. */
    async function loadMore() {
      if (!list.next || list.loading) return false;
      const mine = generation; // a reload meanwhile drops this answer
      list.loading = true;
      try {
        const got = await fetchRows(list.filters, list.next, pageSize, MAX_FOLLOW, mine);
        if (!got) return false;
        const shown = new Set(list.rows.map((e) => e.id));
        list.rows = list.rows.concat(got.rows.filter((e) => !shown.has(e.id)));
        list.next = got.next;
        list.pages += got.requests;
        take(got.first);
        return true;
      } finally {
        if (mine === generation) list.loading = false;
      }
    }

    /**
     * The rows shown, read again: as many requests as brought them (one, unless "load more" was used), replacing them
     * all at once when every answer is in. Not only the first page: rows below it would keep a status that is no
     * longer true. Nothing else: the rest of the fleet is not on the screen.
     */
    async function refresh() {
      if (list.loading) return false;
      const mine = ++generation;
      list.loading = true;
      try {
        const pinned = await fetchPinned(list.filters, mine);
        if (!pinned) return false;
        const got = await fetchRows(list.filters, null, Math.max(list.rows.length - pinned.length, 1),
          Math.max(list.pages, 1), mine);
        if (!got) return false;
        showRows(pinned, got.rows);
        list.next = got.next;
        list.pages = got.requests;
        take(got.first);
        return true;
      } finally {
        if (mine === generation) list.loading = false;
      }
    }

    /** One row replaced in place (after "check now"), if it is shown. */
    function replace(row) {
      const index = list.rows.findIndex((e) => e.id === row.id);
      if (index >= 0) list.rows[index] = row;
    }

    return Object.assign(list, { reload, loadMore, refresh, replace });
  }

  const exported = { createFleetList, requestUrl, PAGE_SIZE, MAX_FOLLOW };
  if (typeof module === 'object' && module.exports) module.exports = exported;
  else root.mcpulseFleetList = exported;
})(typeof globalThis !== 'undefined' ? globalThis : this);
