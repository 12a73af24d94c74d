import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { Configuration } from 'app-builder-lib';
import { describe, expect, it } from 'vitest';
import { LINK_SCHEMES } from '../services/desk/deep-link';

/**
 * `npm run dist` cannot run here (no macOS, no Electron binary), so its configuration is
 * checked the way electron-builder itself checks it: against its JSON schema, then for what
 * issue 7 asks of the package.
 */
const root = join(import.meta.dirname, '..', '..');
// js-yaml ships without types; electron-builder reads its YAML with it too.
const { load } = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const config = load(readFileSync(join(root, 'build', 'electron-builder.yml'), 'utf8')) as Configuration;

describe('the macOS package configuration', () => {
  it('is valid for electron-builder (its own scheme.json)', () => {
    const schema = JSON.parse(readFileSync(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('builds dmg and zip for Apple silicon and Intel, hardened, with our entitlements', () => {
    const mac = config.mac!;
    expect(mac.target).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ]);
    expect(mac.hardenedRuntime).toBe(true);
    for (const file of [mac.entitlements, mac.entitlementsInherit]) {
      const plist = readFileSync(join(root, String(file)), 'utf8');
      expect(plist).toContain('com.apple.security.device.audio-input');
      expect(plist).toContain('com.apple.security.cs.allow-jit');
      expect(plist).not.toContain('disable-library-validation');
    }
  });

  it('asks for the microphone in French and in English', () => {
    expect(config.mac?.extendInfo?.NSMicrophoneUsageDescription).toMatch(/microphone/);
    for (const [lang, words] of [['fr', /appels/], ['en', /phone calls/]] as const) {
      const strings = readFileSync(join(root, 'build', 'mac', `${lang}.lproj`, 'InfoPlist.strings'), 'utf8');
      expect(strings).toMatch(/^"NSMicrophoneUsageDescription" = ".+";$/m);
      expect(strings).toMatch(words);
    }
    const resources = (config.mac?.extraResources ?? []) as { from: string; to: string }[];
    expect(resources.map((r) => r.to).sort()).toEqual(['en.lproj', 'fr.lproj']);
    for (const r of resources) expect(existsSync(join(root, r.from))).toBe(true);
  });

  it('registers every link scheme main accepts', () => {
    const schemes = (config.protocols as { schemes: string[] }[]).flatMap((p) => p.schemes);
    expect(schemes.sort()).toEqual([...LINK_SCHEMES].sort());
  });

  it('rebuilds better-sqlite3 for Electron and keeps it outside the asar', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**/*');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };
    expect(pkg.dependencies['better-sqlite3']).toBeDefined();
    expect(config.files).toContain('dist-electron/**/*');
    expect(pkg.main.startsWith('dist-electron/')).toBe(true);
  });

  it('updates from a generic HTTPS feed and locks the binary with fuses', () => {
    const publish = config.publish as { provider: string; url: string }[];
    expect(publish).toEqual([expect.objectContaining({ provider: 'generic', url: expect.stringMatching(/^https:\/\//) })]);
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, onlyLoadAppFromAsar: true });
  });
});
