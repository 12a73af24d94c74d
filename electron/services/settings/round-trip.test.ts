import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsPatch } from '../../../shared/domain/settings';
import { dispatch } from '../../../shared/ipc/dispatch';
import { addAgent } from '../../../test/support/seed';
import { createServices, type Services } from '../index';
import { silentLogger } from '../log/logger';
import { DATABASE_FILE, SETTINGS_FILE } from '../paths';
import { encryptedFileSecretStore, type Encryptor } from '../secrets/encrypted-file';
import { fileSettingsStore } from './store';

/** The login keychain of this "Mac": one key for every run of Poste on it. */
const key = randomBytes(32);
const keychain: Encryptor = {
  isAvailable: () => true,
  encrypt(plain) {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), data]);
  },
  decrypt(blob) {
    const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12));
    decipher.setAuthTag(blob.subarray(12, 28));
    return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString('utf8');
  },
};

const PASSWORD = 'Sup3r-Secret-SIP-pw!';
const running: Services[] = [];

function boot(dir: string): Services {
  const services = createServices({
    databaseFile: join(dir, DATABASE_FILE),
    settings: fileSettingsStore(join(dir, SETTINGS_FILE)),
    secrets: encryptedFileSecretStore(join(dir, 'sip-password.bin'), keychain, silentLogger),
    host: 'electron',
    version: '0.0.0-test',
  });
  running.push(services);
  return services;
}

afterEach(() => {
  for (const s of running.splice(0)) s.close();
});

const PATCH: SettingsPatch = {
  language: 'en',
  timeZone: 'America/Montreal',
  agentId: 'julie',
  sip: {
    server: 'wss://pbx.bdc.example.ca:7443/ws',
    uri: 'sip:julie@bdc.example.ca',
    authUser: 'julie',
    displayName: 'Julie Tremblay',
    iceServers: [{ urls: 'stun:stun.bdc.example.ca:3478' }],
  },
  audio: { microphoneId: 'mic-1', headsetId: 'hs-1', ringerId: 'spk-1', shadowHeadsetId: 'hs-2', shadowMicrophoneId: null },
  callbackDevices: [{ id: 'desk', label: 'Téléphone du bureau', target: 'sip:201@bdc.example.ca' }],
  bleadRingTimeoutS: 24,
  smsDomain: 'sms.bdc.example.ca',
  dialRules: { outsidePrefix: '9', dialPlusOne: false },
  notifications: { calls: true, texts: false },
};

describe('settings survive a restart', () => {
  it('Julie saves her account, quits, restarts: everything is back, the password only through the keychain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'poste-settings-'));
    const first = boot(dir);
    addAgent(first.db, { id: 'julie', name: 'Julie Tremblay' });
    expect(await dispatch(first.handlers, 'settings:update', { patch: PATCH })).toMatchObject({ ok: true });
    expect(await dispatch(first.handlers, 'settings:setSipPassword', { password: PASSWORD })).toMatchObject({
      ok: true,
      value: { sipPasswordSet: true },
    });
    const branch = await dispatch(first.handlers, 'branches:save', {
      branch: { name: 'Laval', salesReps: ['Paul Roy'], virtualSalesGroup: 'virtuel.laval@bdc.example.ca' },
    });
    expect(branch.ok).toBe(true);
    const saved = await dispatch(first.handlers, 'settings:get', {});
    first.close();
    running.pop();

    const second = boot(dir);
    expect(await dispatch(second.handlers, 'settings:get', {})).toEqual(saved);
    expect(await dispatch(second.handlers, 'softphone:account', {})).toEqual({
      ok: true,
      value: { account: PATCH.sip, password: PASSWORD },
    });
    expect(await dispatch(second.handlers, 'branches:list', {})).toMatchObject({ ok: true, value: [{ name: 'Laval', salesReps: ['Paul Roy'] }] });

    // Every file Poste wrote in its folder: the password is in none of them, in any form.
    const forms = [PASSWORD, Buffer.from(PASSWORD).toString('base64'), Buffer.from(PASSWORD).toString('hex'), Buffer.from(PASSWORD, 'utf16le').toString('latin1')];
    for (const name of readdirSync(dir)) {
      const content = readFileSync(join(dir, name)).toString('latin1');
      for (const form of forms) expect(content, `${name} holds the password`).not.toContain(form);
    }
    expect(JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8'))).toMatchObject({ language: 'en', bleadRingTimeoutS: 24 });
  });

  it('a bad value is refused with its field and nothing is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'poste-settings-'));
    const services = boot(dir);
    const before = await dispatch(services.handlers, 'settings:get', {});
    const bad = await dispatch(services.handlers, 'settings:update', {
      patch: { language: 'en', sip: { ...PATCH.sip!, server: 'ws://pbx.example.ca/ws' } },
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/wss:\/\//), path: 'patch.sip.server', text: { key: 'errors:input_sip_server' } },
    });
    expect(await dispatch(services.handlers, 'settings:get', {})).toEqual(before);
    expect(readdirSync(dir)).not.toContain(SETTINGS_FILE);
  });

  it('a SIP account the host imposes (the web host’s POSTE_SIP_* variables) is used, shown, and never written to the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'poste-settings-'));
    const imposed = { ...PATCH.sip!, uri: 'sip:201@poste.test', authUser: '201' };
    const services = createServices({
      databaseFile: join(dir, DATABASE_FILE),
      settings: fileSettingsStore(join(dir, SETTINGS_FILE)),
      host: 'web',
      version: '0.0.0-test',
      sipAccountOverride: imposed,
    });
    running.push(services);
    expect(await dispatch(services.handlers, 'settings:update', { patch: { language: 'en' } })).toMatchObject({
      ok: true,
      value: { settings: { language: 'en', sip: imposed } },
    });
    const onDisk = JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8')) as { language: string; sip: unknown };
    expect(onDisk.language).toBe('en');
    expect(onDisk.sip).toBeNull();
    // What the services hand out cannot be changed behind their back.
    const current = services.context.settings();
    expect(() => {
      (current.dialRules as { outsidePrefix: string }).outsidePrefix = '8';
    }).toThrow(TypeError);
    expect(services.context.settings().dialRules.outsidePrefix).toBe('');
  });
});
