/**
 * The page's own guards against leaving the console, for both hosts. In Electron, main
 * refuses navigation and new windows too (electron/main/policy.ts); in the web host these
 * guards are the refusal (a CSP cannot forbid navigation: `navigate-to` never shipped).
 *
 * - `window.open` opens nothing; a `mailto:` or `tel:` is handed on (the mail program or
 *   the phone), everything else returns null.
 * - A click on a link to another origin does nothing (untrusted text is rendered inert,
 *   this catches what slips through).
 * - A script that sets `location` to another origin is stopped through the Navigation API
 *   (`navigate` event, cancelable for navigations the page starts itself).
 */
export const GUARDS_MARK = 'posteGuards';

const HANDED_ON = new Set(['mailto:', 'tel:']);

/** Whether `window.open(url)` may hand the URL on (to the mail program or the phone). */
export function isHandedOn(raw: string, base: string): boolean {
  try {
    const url = new URL(raw, base);
    const decoded = decodeURIComponent(raw);
    // No control characters (an encoded new line would inject mail headers).
    return HANDED_ON.has(url.protocol) && ![...decoded].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  } catch {
    return false;
  }
}

/** Whether the page may go to `raw`: its own origin, or a mailto:/tel: that leaves the page in place. */
export function isAllowedNavigation(raw: string, origin: string): boolean {
  try {
    const url = new URL(raw, origin);
    if (HANDED_ON.has(url.protocol)) return true;
    return url.origin === origin;
  } catch {
    return false;
  }
}

interface NavigateEvent extends Event {
  destination: { url: string };
  canIntercept: boolean;
}

interface GuardedWindow {
  open: Window['open'];
  location: Location;
  document: Document;
  navigation?: EventTarget;
}

const INSTALLED = Symbol.for('poste.pageGuards');

/**
 * Installs the guards once and marks the document (`data-poste-guards="on"`). Safe to call
 * before the document has an element (an init script) and more than once.
 */
export function installPageGuards(win: GuardedWindow & Window): void {
  const flags = win as unknown as Record<symbol, boolean>;
  if (flags[INSTALLED]) return;
  flags[INSTALLED] = true;
  const originalOpen = win.open.bind(win);
  const origin = win.location.origin;
  const guardedOpen = (url?: string | URL, _target?: string, _features?: string): WindowProxy | null => {
    const href = url === undefined ? '' : String(url);
    if (href !== '' && isHandedOn(href, origin)) originalOpen(href, '_blank', 'noopener,noreferrer');
    return null;
  };
  Object.defineProperty(win, 'open', { value: guardedOpen, writable: false, configurable: false });

  win.document.addEventListener(
    'click',
    (event) => {
      const target = event.target as Element | null;
      const anchor = target?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!anchor) return;
      const href = anchor.getAttribute('href') ?? '';
      if (!isAllowedNavigation(href, origin) || anchor.target === '_blank') {
        event.preventDefault();
        if (anchor.target === '_blank' && isHandedOn(href, origin)) guardedOpen(href);
      }
    },
    true,
  );

  win.navigation?.addEventListener('navigate', (event) => {
    const navigate = event as NavigateEvent;
    if (!isAllowedNavigation(navigate.destination.url, origin) && navigate.cancelable) navigate.preventDefault();
  });

  const mark = () => {
    if (win.document.documentElement) win.document.documentElement.dataset[GUARDS_MARK] = 'on';
  };
  if (win.document.documentElement) mark();
  else win.document.addEventListener('DOMContentLoaded', mark, { once: true });
}
