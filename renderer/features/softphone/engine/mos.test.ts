import { describe, it, expect } from 'vitest';
import { estimateMos, rToMos, gradeMos } from './mos';

describe('MOS estimate (simplified E-model)', () => {
  it('rates a clean loopback call as excellent, near the 4.4 ceiling of narrowband', () => {
    const q = estimateMos({ rttMs: 1, jitterMs: 0.5, lossPercent: 0 });
    expect(q.mos).toBeGreaterThan(4.35);
    expect(q.mos).toBeLessThanOrEqual(4.5);
    expect(q.grade).toBe('excellent');
  });

  it('drops with packet loss: 5 % loss is clearly worse than none', () => {
    const clean = estimateMos({ rttMs: 60, jitterMs: 5, lossPercent: 0 });
    const lossy = estimateMos({ rttMs: 60, jitterMs: 5, lossPercent: 5 });
    expect(lossy.mos).toBeLessThan(clean.mos - 0.3);
  });

  it('drops steeply once effective latency passes 160 ms', () => {
    const ok = estimateMos({ rttMs: 200, jitterMs: 10, lossPercent: 0 });
    const bad = estimateMos({ rttMs: 800, jitterMs: 60, lossPercent: 0 });
    expect(ok.grade === 'excellent' || ok.grade === 'good').toBe(true);
    expect(bad.mos).toBeLessThan(3.6);
  });

  it('is 1.0 when everything is lost, and ignores nonsense values', () => {
    expect(estimateMos({ lossPercent: 100 }).mos).toBe(1);
    expect(estimateMos({ rttMs: Number.NaN, jitterMs: -3, lossPercent: undefined }).mos).toBeGreaterThan(4.3);
  });

  it('maps R to MOS like G.107 Annex B at its reference points', () => {
    expect(rToMos(0)).toBe(1);
    expect(rToMos(100)).toBe(4.5);
    expect(rToMos(50)).toBeCloseTo(2.58, 1);
    expect(rToMos(80)).toBeCloseTo(4.02, 1);
  });

  it('grades MOS in five bands', () => {
    expect([4.4, 4.1, 3.7, 3.2, 2.0].map(gradeMos)).toEqual(['excellent', 'good', 'fair', 'poor', 'bad']);
  });
});
