import { describe, it, expect } from 'vitest';
import { validateAccount, AccountError } from './account';

const base = { uri: 'sip:agent@poste.test' };

describe('account validation', () => {
  it('accepts wss:// anywhere and ws:// on loopback', () => {
    expect(validateAccount({ ...base, server: 'wss://sip.example.com:7443/ws' })).toEqual({
      host: 'sip.example.com',
      user: 'agent',
      domain: 'poste.test',
    });
    expect(validateAccount({ ...base, server: 'ws://127.0.0.1:8088' }).host).toBe('127.0.0.1');
    expect(validateAccount({ ...base, server: 'ws://localhost:8088' }).host).toBe('localhost');
    expect(validateAccount({ ...base, server: 'ws://[::1]:8088' }).host).toBe('[::1]');
  });

  it('refuses ws:// to another machine with a clear message', () => {
    expect(() => validateAccount({ ...base, server: 'ws://sip.example.com:8088' })).toThrow(AccountError);
    expect(() => validateAccount({ ...base, server: 'ws://192.168.1.10' })).toThrow(/only allowed for this computer/);
  });

  it('refuses other schemes and bad URIs', () => {
    expect(() => validateAccount({ ...base, server: 'https://sip.example.com' })).toThrow(/WebSocket/);
    expect(() => validateAccount({ ...base, server: 'not a url' })).toThrow(/not a valid URL/);
    expect(() => validateAccount({ server: 'wss://x.test', uri: 'agent' })).toThrow(/SIP address/);
  });
});
