import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createServices, type Services } from '../services';
import { memorySettingsStore } from '../services/settings/store';
import { addAgent, addClient } from '../../test/support/seed';
import { startWebHost, type WebHost } from './server';

let services: Services;
let host: WebHost;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'poste-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Poste</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(tmpdir(), 'poste-secret.txt'), 'secret');
  services = createServices({ databaseFile: ':memory:', settings: memorySettingsStore(), host: 'web', version: '0.0.0-test' });
  addAgent(services.db, { id: 'marc', name: 'Marc Gagnon' });
  addClient(services.db, { firstName: 'Éloïse', lastName: 'Côté', phones: ['+15145550199'], emails: ['eloise.cote@example.ca'] });
  host = await startWebHost({ handlers: services.handlers, events: services.events, staticDir: root, logger: services.logger });
});

afterAll(async () => {
  await host.close();
  services.close();
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function socket(query: string, origin: string | null = `http://127.0.0.1:${host.port}`): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws${query}`, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
  });
}

function call(ws: WebSocket, channel: unknown, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; id: number; result: never };
      if (message.type === 'result' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel, input }));
  });
}

describe('the web host', () => {
  it('prints a loopback URL with a long random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('refuses a page request with no token or a wrong one', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get(`/?token=${host.token}x`)).status).toBe(401);
  });

  it('serves the page with the right token, with a CSP, and sets a cookie for the assets', async () => {
    const page = await get(`/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    const cookie = String(page.headers['set-cookie']).split(';')[0] ?? '';
    expect((await get('/assets/app.js', { cookie })).status).toBe(200);
    expect((await get('/assets/app.js')).status).toBe(401);
  });

  it('refuses a foreign Origin and a foreign Host even with the token', async () => {
    expect((await get(`/?token=${host.token}`, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await get(`/?token=${host.token}`, { host: 'evil.example' })).status).toBe(421);
  });

  it('never serves a file outside the renderer', async () => {
    const escaped = await get(`/..%2f..%2f..%2fposte-secret.txt?token=${host.token}`);
    expect(escaped.body).not.toContain('secret');
  });

  it('refuses a socket without the token, with a wrong one, or from another origin', async () => {
    await expect(socket('')).rejects.toThrow(/refused 401/);
    await expect(socket('?token=nope')).rejects.toThrow(/refused 401/);
    await expect(socket(`?token=${host.token}`, 'https://evil.example')).rejects.toThrow(/refused 403/);
    await expect(socket(`?token=${host.token}`, null)).rejects.toThrow(/refused 403/);
  });

  it('answers contract calls over the socket', async () => {
    const ws = await socket(`?token=${host.token}`);
    const info = await call(ws, 'app:info', {});
    expect(info).toMatchObject({ ok: true, value: { host: 'web', clients: 1, agent: { id: 'marc' } } });
    const hits = await call(ws, 'contacts:search', { query: '(514) 555-0199' });
    expect(hits).toMatchObject({ ok: true, value: [{ name: 'Éloïse Côté', phones: ['+15145550199'] }] });
    ws.close();
  });

  it('answers a malformed call with ok: false and changes nothing', async () => {
    const ws = await socket(`?token=${host.token}`);
    const before = await call(ws, 'settings:get', {});
    const bad = await call(ws, 'settings:update', { patch: { timeZone: 'Mars/Olympus', language: 'en' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const extra = await call(ws, 'settings:update', { patch: { language: 'en' }, sneaky: 1 });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(ws, 'contacts:search', { query: 42 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(ws, 'db:exec', { sql: 'DROP TABLE clients' })).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await call(ws, 'contacts:get', { clientId: "x' OR 1=1 --" })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(ws, 'settings:get', {})).toEqual(before);
    expect(services.db.prepare('SELECT count(*) AS n FROM clients').get()).toEqual({ n: 1 });
    ws.close();
  });
});
