import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { join, normalize, resolve, sep } from 'node:path';

/** The renderer is served from app://poste/, a standard secure origin of our own. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://poste';

/** Must run before `app.ready`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** Maps a request path to a file inside `root`, or null if it escapes it. */
export function resolveInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const file = resolve(base, normalize(`.${decoded === '/' ? '/index.html' : decoded}`));
  return file.startsWith(base + sep) ? file : null;
}

/** Serves the built renderer; anything outside it is a 404. */
export function handleAppProtocol(root: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    const file = url.host === 'poste' ? resolveInside(root, url.pathname) : null;
    if (!file) return new Response('not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}

export function isOurUrl(url: string): boolean {
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
}

export function rendererRoot(appPath: string): string {
  return join(appPath, 'dist', 'renderer');
}
