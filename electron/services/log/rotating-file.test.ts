import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redact, scrubText, streamLogger } from './logger';
import { rotatingFile } from './rotating-file';

const fixed = () => new Date('2026-03-02T14:00:00.000Z');

describe('the log file', () => {
  it('rotates by size and keeps N files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'poste-log-'));
    const file = rotatingFile({ dir, maxBytes: 1024, maxFiles: 3 });
    const logger = streamLogger((line) => file.write(line), 'info', fixed);
    for (let i = 0; i < 200; i++) logger.info('call ended', { callId: `c${i}`, durationS: i });
    const names = readdirSync(dir).sort();
    expect(names).toEqual(['poste.1.log', 'poste.2.log', 'poste.log']);
    for (const name of names) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(1024);
    const tail = file.tail(5);
    expect(tail).toHaveLength(5);
    expect(tail.at(-1)).toContain('"callId":"c199"');
    expect(file.tail(1000).length).toBeLessThan(200);
  });

  it('never writes a password, a token or a client’s message, whatever the call site does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'poste-log-'));
    const file = rotatingFile({ dir });
    const logger = streamLogger((line) => file.write(line), 'info', fixed);
    logger.info('sip password updated', { password: 'Hunter2-secret', set: true });
    logger.info('text received', { body: 'Bonjour, mon NAS est 123 456 789', clientId: 'c1' });
    logger.warn('registration failed', { error: 'auth failed for sip:julie:Hunter2-secret@pbx.example.ca' });
    logger.warn('socket', { url: 'ws://127.0.0.1:5173/ws?token=abcdefabcdef123456' });
    logger.error('login Authorization: Digest username="julie", response="6629fae49393a05397450978507c4ef1"');
    logger.info('nested', { account: { server: 'wss://pbx', credential: 'turn-secret-1' }, list: [{ token: 'x1y2z3' }] });
    file.write('raw line password=Hunter2-secret\n');
    const written = readFileSync(join(dir, 'poste.log'), 'utf8');
    for (const secret of ['Hunter2-secret', 'NAS est', 'abcdefabcdef123456', '6629fae4', 'turn-secret-1', 'x1y2z3']) {
      expect(written).not.toContain(secret);
    }
    expect(written).toContain('clientId');
    expect(written.split('\n').filter(Boolean)).toHaveLength(7);
  });

  it('keeps one line per entry even if a message holds new lines', () => {
    const lines: string[] = [];
    streamLogger((line) => lines.push(line), 'info', fixed).warn('line one\nINFO forged line');
    expect(lines).toEqual(['2026-03-02T14:00:00.000Z WARN line one INFO forged line\n']);
  });

  it('scrubs free text and redacts secret-looking keys', () => {
    expect(scrubText('https://u:p4ss@example.ca/x?token=t0k3n&x=1')).toBe('https://u:[redacted]@example.ca/x?token=[redacted]&x=1');
    expect(redact({ sipPassword: 'a', message_body: 'b', text: 'c', count: 2 })).toEqual({
      sipPassword: '[redacted]',
      message_body: '[redacted]',
      text: '[redacted]',
      count: 2,
    });
  });
});
