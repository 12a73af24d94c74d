import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  isOurUrl,
  navigationDecision,
  permissionCheck,
  permissionDecision,
  resolveInside,
  windowOpenDecision,
} from './policy';

describe('the window’s navigation guard (will-navigate, will-redirect)', () => {
  it.each(['app://poste/index.html', 'app://poste/', 'app://poste/index.html#/record/c1'])('stays on our page %s', (url) => {
    expect(navigationDecision(url)).toBe('allow');
  });

  it.each([
    'https://evil.example/',
    'http://127.0.0.1:5173/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<h1>x</h1>',
    'app://poste.evil.example/index.html',
    'app://posteevil/index.html',
    'app://user@poste/index.html',
    'APP://evil/',
    'about:blank',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    'mailto:a@b.ca',
    '',
  ])('refuses %j', (url) => {
    expect(navigationDecision(url)).toBe('deny');
  });
});

describe('window.open (setWindowOpenHandler)', () => {
  it('never opens a window; hands safe links to the OS', () => {
    expect(windowOpenDecision('mailto:julie@example.ca')).toEqual({ action: 'deny', openExternally: true });
    expect(windowOpenDecision('tel:+15145550199')).toEqual({ action: 'deny', openExternally: true });
    expect(windowOpenDecision('https://www.example.ca/aide')).toEqual({ action: 'deny', openExternally: true });
  });

  it.each(['app://poste/index.html', 'javascript:alert(1)', 'file:///Users', 'smb://x/y', 'http://example.ca', 'about:blank', 'https://exаmple.ca/'])(
    'drops %j',
    (url) => {
      expect(windowOpenDecision(url)).toEqual({ action: 'deny', openExternally: false });
    },
  );
});

describe('permissions', () => {
  const ours = { requestingUrl: `${APP_ORIGIN}/index.html`, fromOurWindow: true };
  it('gives our page the microphone (audio only), notifications and the clipboard', () => {
    expect(permissionDecision({ ...ours, permission: 'media', mediaTypes: ['audio'] })).toBe(true);
    expect(permissionDecision({ ...ours, permission: 'notifications' })).toBe(true);
    expect(permissionDecision({ ...ours, permission: 'clipboard-sanitized-write' })).toBe(true);
  });

  it('refuses the camera, the screen, other permissions and anyone else', () => {
    expect(permissionDecision({ ...ours, permission: 'media', mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(permissionDecision({ ...ours, permission: 'media', mediaTypes: [] })).toBe(false);
    expect(permissionDecision({ ...ours, permission: 'media' })).toBe(false);
    for (const permission of ['geolocation', 'display-capture', 'openExternal', 'midiSysex', 'hid', 'clipboard-read']) {
      expect(permissionDecision({ ...ours, permission })).toBe(false);
    }
    expect(permissionDecision({ ...ours, fromOurWindow: false, permission: 'notifications' })).toBe(false);
    expect(permissionDecision({ requestingUrl: 'https://evil.example/', fromOurWindow: true, permission: 'media', mediaTypes: ['audio'] })).toBe(false);
    expect(permissionCheck('media', APP_ORIGIN)).toBe(true);
    expect(permissionCheck('media', 'https://evil.example')).toBe(false);
    expect(permissionCheck('geolocation', APP_ORIGIN)).toBe(false);
  });
});

describe('the app:// protocol', () => {
  it('serves files inside the renderer only', () => {
    expect(resolveInside('/app/dist/renderer', '/')).toBe('/app/dist/renderer/index.html');
    expect(resolveInside('/app/dist/renderer', '/assets/app.js')).toBe('/app/dist/renderer/assets/app.js');
    for (const path of ['/../main.mjs', '/..%2f..%2fetc/passwd', '/%2e%2e/secret', '/a%00.js', '/%zz']) {
      expect(resolveInside('/app/dist/renderer', path)).toBeNull();
    }
  });

  it('sends a CSP without inline script, eval or remote code', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|script-src[^;]*https?:/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(isOurUrl(APP_ORIGIN)).toBe(true);
  });
});
