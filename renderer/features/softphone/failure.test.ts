import { describe, expect, it } from 'vitest';
import { registrationProblem } from './failure';

describe('a registration failure, as the agent can act on it', () => {
  it('reads the SIP stack’s reasons', () => {
    expect(registrationProblem('WebSocket closed wss://sip.example.com:7443 (code: 1006)')).toBe('unreachable');
    expect(registrationProblem('Connection timed out')).toBe('unreachable');
    expect(registrationProblem('403 Forbidden')).toBe('rejected');
    expect(registrationProblem('Registration rejected: 401 Unauthorized')).toBe('rejected');
    expect(registrationProblem('Registration lost')).toBe('lost');
    expect(registrationProblem('something else')).toBe('other');
    // A call's refusal is not the account's.
    expect(registrationProblem('486 Busy Here')).toBe('other');
  });
});
