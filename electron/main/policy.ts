import { join, normalize, resolve, sep } from 'node:path';
import { isSafeExternalUrl } from '../services/security/external-url';

/**
 * The Electron window's security decisions as pure functions, so Node tests prove what
 * `will-navigate`, `setWindowOpenHandler` and the permission handlers do (this file must
 * not import electron: its tests run where the Electron binary is absent).
 */

/** The renderer is served from app://poste/, a standard secure origin of our own. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://poste';

export function isOurUrl(url: string): boolean {
  if (typeof url !== 'string') return false;
  if (url === APP_ORIGIN) return true;
  if (!url.startsWith(`${APP_ORIGIN}/`)) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'poste' && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
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

export function rendererRoot(appPath: string): string {
  return join(appPath, 'dist', 'renderer');
}

/** `will-navigate` / `will-redirect`: the window only ever shows our own pages. */
export function navigationDecision(url: string): 'allow' | 'deny' {
  return isOurUrl(url) ? 'allow' : 'deny';
}

/**
 * `setWindowOpenHandler`: no new window, ever. A safe external URL (mailto:, tel:, https:
 * that passes the guard) is handed to the OS instead; everything else is dropped.
 */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isSafeExternalUrl(url) };
}

export interface PermissionRequest {
  permission: string;
  requestingUrl: string;
  /** The request comes from our main window's web contents. */
  fromOurWindow: boolean;
  mediaTypes?: readonly string[];
}

/**
 * The permissions our own page gets: the microphone (audio only, never the camera or the
 * screen), notifications (incoming calls and texts through the web Notification API) and
 * writing to the clipboard (« copier les diagnostics »). Nothing for anyone else.
 */
export function permissionDecision(request: PermissionRequest): boolean {
  if (!request.fromOurWindow || !isOurUrl(request.requestingUrl)) return false;
  switch (request.permission) {
    case 'media': {
      const types = request.mediaTypes ?? [];
      return types.length > 0 && types.every((type) => type === 'audio');
    }
    case 'notifications':
    case 'clipboard-sanitized-write':
      return true;
    default:
      return false;
  }
}

/** The synchronous permission check (no details of the request beyond the origin). */
export function permissionCheck(permission: string, requestingOrigin: string): boolean {
  if (requestingOrigin !== APP_ORIGIN) return false;
  return permission === 'media' || permission === 'notifications' || permission === 'clipboard-sanitized-write';
}

/**
 * The CSP sent with every page of app://poste (on top of the meta tag in index.html): no
 * inline or remote script, no eval, no plugins, no frames, no form posts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self' wss: ws://127.0.0.1:* ws://localhost:*",
  "img-src 'self' data:",
  "media-src 'self' blob: mediastream:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');
