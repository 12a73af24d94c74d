import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatch, type Handlers } from '../../shared/ipc/dispatch';
import type { EventBus } from '../services/events';
import type { Logger } from '../services/log/logger';

/**
 * The web host: the built renderer over HTTP and the contract over one WebSocket, on
 * 127.0.0.1 only, behind a random per-run token. It is how Poste runs where Electron is not
 * installed, and what the end-to-end tests drive.
 *
 * Guards, in order, for every request and socket:
 *  1. Host header is our loopback address (DNS rebinding);
 *  2. an Origin header, when present, is our own origin;
 *  3. the token matches: `?token=` in the URL, or the cookie set by the first good request.
 */
export interface WebHostOptions {
  handlers: Handlers;
  events: EventBus;
  staticDir: string;
  logger: Logger;
  port?: number;
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

const COOKIE = 'poste_token';

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | null {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return null;
}

function securityHeaders(res: ServerResponse, port: number): void {
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port} ws://127.0.0.1:* wss:`,
      "img-src 'self' data:",
      "media-src 'self' blob: mediastream:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cache-Control', 'no-store');
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${message}\n`);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = resolve(options.staticDir);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`the renderer is not built: ${join(root, 'index.html')} is missing (run npm run build:renderer)`);
  }
  let port = options.port ?? 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  /** Null when the request may go on; otherwise why it is refused. */
  function guard(req: IncomingMessage, url: URL): { status: number; message: string } | null {
    if (!allowedHosts().has(req.headers.host ?? '')) return { status: 421, message: 'wrong host' };
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return { status: 403, message: 'foreign origin refused' };
    if (!sameToken(url.searchParams.get('token'), token) && !sameToken(cookieToken(req), token)) {
      return { status: 401, message: 'missing or wrong token: open the URL printed by npm run web' };
    }
    return null;
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    securityHeaders(res, port);
    const refused = guard(req, url);
    if (refused) return refuse(res, refused.status, refused.message);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
    if (sameToken(url.searchParams.get('token'), token)) {
      res.setHeader('Set-Cookie', `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`);
    }
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return refuse(res, 400, 'bad path');
    }
    if (path.includes('\0')) return refuse(res, 400, 'bad path');
    const file = resolve(root, normalize(`.${path === '/' ? '/index.html' : path}`));
    if (file !== root && !file.startsWith(root + sep)) return refuse(res, 403, 'outside the app');
    const target = existsSync(file) && statSync(file).isFile() ? file : join(root, 'index.html');
    res.writeHead(200, { 'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream' });
    if (req.method === 'HEAD') return res.end();
    createReadStream(target).pipe(res);
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refused = url.pathname === '/ws' ? guard(req, url) : { status: 404, message: 'not found' };
    if (refused || req.headers.origin === undefined) {
      const status = refused?.status ?? 403;
      socket.end(`HTTP/1.1 ${status} ${refused?.message ?? 'origin required'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });

  sockets.on('connection', (ws: WebSocket) => {
    const unsubscribe = options.events.subscribe((event, payload) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'event', event, payload }));
    });
    ws.on('close', unsubscribe);
    ws.on('message', (data) => {
      let message: { id?: unknown; channel?: unknown; input?: unknown };
      try {
        message = JSON.parse(String(data)) as typeof message;
      } catch {
        ws.send(JSON.stringify({ type: 'error', message: 'a message must be JSON' }));
        return;
      }
      if (typeof message !== 'object' || message === null || typeof message.id !== 'number') {
        ws.send(JSON.stringify({ type: 'error', message: 'a call needs a numeric id' }));
        return;
      }
      const id = message.id;
      void dispatch(options.handlers, message.channel, message.input, options.logger).then((result) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id, result }));
      });
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/?token=${token}`;
  return {
    url,
    port,
    token,
    close: () =>
      new Promise<void>((done) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
