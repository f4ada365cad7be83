#!/usr/bin/env node
// Real MCP servers, built with the official TypeScript SDKs, that mcpulse's tests probe.
//
//   node fixtures.mjs <scenario>
//
// Every scenario binds 127.0.0.1 on a free port and prints exactly one line `LISTENING <url>` on stdout
// once it accepts connections; everything else goes to stderr. The scenarios are listed in SCENARIOS below
// and described in ../../../README.md. Environment knobs: TOKEN (bearer), ECHO_TOKEN_IN_ERRORS=1 (bearer,
// canary mode), DELAY_MS (slow), JSON_RESPONSE=1 (legacy streamable fixtures answer application/json
// instead of an SSE stream), EXIT_ON_STDIN_EOF=1 (die with the parent: the Java launcher keeps our stdin
// open and the pipe closes when its JVM dies, however it dies).

import http from 'node:http';
import net from 'node:net';
import { z } from 'zod';
import { McpServer as LegacySdkServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { McpServer as ModernSdkServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

const HOST = '127.0.0.1';
const MCP_PATH = '/mcp';

// Keep stdout for the LISTENING line only: the SDKs and server-everything log to the console.
const announce = (url) => process.stdout.write(`LISTENING ${url}\n`);
console.log = console.error;
console.info = console.error;

if (process.env.EXIT_ON_STDIN_EOF === '1') {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
}

// ---------------------------------------------------------------------------------------------- tools

const text = (value) => ({ content: [{ type: 'text', text: String(value) }] });

/** echo, add and a read-only `ready` tool: the surface every fixture shares, on either SDK generation. */
function registerCommonTools(server) {
  server.registerTool('echo', {
    description: 'Returns its message unchanged.',
    inputSchema: { message: z.string() },
    annotations: { readOnlyHint: true },
  }, async ({ message }) => text(message));
  server.registerTool('add', {
    description: 'Adds two numbers.',
    inputSchema: { a: z.number(), b: z.number() },
    annotations: { readOnlyHint: true },
  }, async ({ a, b }) => text(a + b));
  server.registerTool('ready', {
    description: 'Readiness check: answers "ok" when the server can serve.',
    annotations: { readOnlyHint: true },
  }, async () => text('ok'));
}

function legacyServer(name, extraTools = () => {}) {
  const server = new LegacySdkServer({ name, version: '1.0.0' }, { capabilities: { tools: {} } });
  registerCommonTools(server);
  extraTools(server);
  return server;
}

function modernServer(name) {
  const server = new ModernSdkServer({ name, version: '1.0.0' }, { capabilities: { tools: {} } });
  registerCommonTools(server);
  return server;
}

// ------------------------------------------------------------------------------------------ plumbing

function listen(handler, path) {
  const server = http.createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((error) => {
      console.error(`fixture error: ${error?.message ?? error}`);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
      }
      res.end();
    });
  });
  server.listen(0, HOST, () => announce(`http://${HOST}:${server.address().port}${path}`));
}

async function readJsonBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw; // let the transport answer its own parse error
  }
}

function sendJson(res, status, headers, body) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A stateless 1.x streamable HTTP endpoint: a fresh server and transport per request, as the SDK's examples do. */
function legacyStreamable(name, { guard = async () => true, extraTools } = {}) {
  return async (req, res) => {
    if (!req.url.startsWith(MCP_PATH)) {
      sendJson(res, 404, {}, { error: 'not found' });
      return;
    }
    if (!(await guard(req, res))) return;
    const body = await readJsonBody(req);
    const server = legacyServer(name, extraTools);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: process.env.JSON_RESPONSE === '1',
    });
    res.on('close', () => {
      transport.close();
      server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  };
}

// --------------------------------------------------------------------------------------------- scenarios

function bearer() {
  const token = process.env.TOKEN;
  if (!token) throw new Error('the bearer scenario needs the accepted token in env TOKEN');
  const echoTokenInErrors = process.env.ECHO_TOKEN_IN_ERRORS === '1';
  const guard = async (req, res) => {
    if (req.headers.authorization === `Bearer ${token}`) return true;
    sendJson(res, 401,
      { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="The access token is missing or invalid"' },
      { error: 'invalid_token', error_description: 'The access token is missing or invalid' });
    return false;
  };
  const extraTools = (server) => server.registerTool('check', {
    description: 'Checks the upstream the credential unlocks.',
    annotations: { readOnlyHint: true },
  }, async () => echoTokenInErrors
    // Deliberately leaky (opt-in): canary tests prove that the prober never repeats a secret it was handed.
    ? { isError: true, content: [{ type: 'text', text: `upstream rejected credential ${token}` }] }
    : text('ok'));
  listen(legacyStreamable('bearer-fixture', { guard, extraTools }), MCP_PATH);
}

function forbidden() {
  listen(async (req, res) => {
    await readJsonBody(req);
    sendJson(res, 403, {}, { error: 'forbidden', error_description: 'This client may not use this server' });
  }, MCP_PATH);
}

function insufficientScope() {
  listen(async (req, res) => {
    await readJsonBody(req);
    sendJson(res, 403,
      { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="tools:read"' },
      { error: 'insufficient_scope', error_description: 'The token lacks scope tools:read' });
  }, MCP_PATH);
}

function slow() {
  const delayMs = Number(process.env.DELAY_MS ?? '5000');
  if (!Number.isFinite(delayMs) || delayMs < 0) throw new Error(`DELAY_MS must be a non-negative number, got "${process.env.DELAY_MS}"`);
  const guard = async () => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return true;
  };
  listen(legacyStreamable('slow-fixture', { guard }), MCP_PATH);
}

function toolIsError() {
  const extraTools = (server) => server.registerTool('check', {
    description: 'Readiness check that reports a failing dependency.',
    annotations: { readOnlyHint: true },
  }, async () => ({ isError: true, content: [{ type: 'text', text: 'database unreachable: connection refused' }] }));
  listen(legacyStreamable('tool-is-error-fixture', { extraTools }), MCP_PATH);
}

function http500() {
  listen(async (req, res) => {
    await readJsonBody(req);
    res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Internal Server Error');
  }, MCP_PATH);
}

function malformed() {
  listen(async (req, res) => {
    await readJsonBody(req);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('<html><body>this is not JSON-RPC</body></html>');
  }, MCP_PATH);
}

/** 2024-11-05 HTTP+SSE: GET /sse opens the stream and names the POST endpoint; POST /sse is refused. */
function sseLegacy() {
  const transports = new Map();
  listen(async (req, res) => {
    const url = new URL(req.url, `http://${HOST}`);
    if (url.pathname === '/sse' && req.method === 'GET') {
      const transport = new SSEServerTransport('/messages', res);
      const server = legacyServer('sse-legacy-fixture');
      transports.set(transport.sessionId, transport);
      res.on('close', () => {
        transports.delete(transport.sessionId);
        server.close();
      });
      await server.connect(transport);
    } else if (url.pathname === '/sse') {
      res.writeHead(405, { Allow: 'GET', 'Content-Type': 'text/plain' });
      res.end('Method Not Allowed');
    } else if (url.pathname === '/messages' && req.method === 'POST') {
      const transport = transports.get(url.searchParams.get('sessionId'));
      if (!transport) {
        sendJson(res, 404, {}, { error: 'unknown session' });
        return;
      }
      await transport.handlePostMessage(req, res, await readJsonBody(req));
    } else {
      sendJson(res, 404, {}, { error: 'not found' });
    }
  }, '/sse');
}

function modern(legacy) {
  const name = legacy === 'reject' ? 'modern-only-fixture' : 'dual-era-fixture';
  const handler = toNodeHandler(createMcpHandler(() => modernServer(name), legacy === 'reject' ? { legacy } : {}));
  listen(async (req, res) => {
    if (!req.url.startsWith(MCP_PATH)) {
      sendJson(res, 404, {}, { error: 'not found' });
      return;
    }
    await handler(req, res);
  }, MCP_PATH);
}

/**
 * server-everything has no host option and listens on PORT on all interfaces: intercept its one listen()
 * so that it binds 127.0.0.1 on a free port, then announce the URL of its MCP endpoint.
 */
async function everything(mode, path) {
  const originalListen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (...args) {
    net.Server.prototype.listen = originalListen;
    const callback = args.find((arg) => typeof arg === 'function');
    this.once('listening', () => announce(`http://${HOST}:${this.address().port}${path}`));
    return originalListen.call(this, 0, HOST, callback);
  };
  process.argv = [process.argv[0], 'server-everything', mode];
  await import('@modelcontextprotocol/server-everything/dist/index.js');
}

const SCENARIOS = {
  'everything-streamable': () => everything('streamableHttp', MCP_PATH),
  'everything-sse': () => everything('sse', '/sse'),
  bearer,
  forbidden,
  'insufficient-scope': insufficientScope,
  slow,
  'tool-is-error': toolIsError,
  'http-500': http500,
  malformed,
  'sse-legacy': sseLegacy,
  'modern-only': () => modern('reject'),
  'dual-era': () => modern('stateless'),
};

const scenario = process.argv[2];
const start = SCENARIOS[scenario];
if (!start) {
  console.error(`unknown scenario "${scenario}"; known: ${Object.keys(SCENARIOS).join(', ')}`);
  process.exit(2);
}
try {
  await start();
} catch (error) {
  console.error(`scenario ${scenario} failed to start: ${error.message}`);
  process.exit(1);
}
