/**
 * Call quality estimate from WebRTC statistics (pure).
 *
 * Uses the simplified ITU-T G.107 E-model that VoIP monitors commonly apply to RTP stats:
 *   effective latency  Le = one-way delay + 2 × jitter + 10 ms (codec/jitter-buffer allowance)
 *   R = 93.2 − Id − Ie, with Id = Le/40 below 160 ms, else (Le − 120)/10,
 *   and an equipment impairment of 2.5 R per percent of lost packets;
 *   MOS = 1 + 0.035 R + 7·10⁻⁶ · R (R − 60)(100 − R)   (G.107 Annex B), clamped to 1…4.5.
 * One-way delay is taken as half the RTCP round-trip time (RFC 3550 section 6.4.1).
 */
export interface QualityInput {
  /** Round-trip time in ms (RTCP / ICE candidate pair); unknown → 0. */
  rttMs?: number;
  /** Interarrival jitter in ms (RFC 3550 section 6.4.1). */
  jitterMs?: number;
  /** Packets lost as a percentage (0–100) over the measuring interval. */
  lossPercent?: number;
}

export type QualityGrade = 'excellent' | 'good' | 'fair' | 'poor' | 'bad';

export interface QualityEstimate {
  /** The E-model transmission rating factor R (0–93.2). */
  r: number;
  /** Estimated mean opinion score (1–4.5), two decimals. */
  mos: number;
  grade: QualityGrade;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const num = (v: number | undefined): number => (v !== undefined && Number.isFinite(v) && v > 0 ? v : 0);

/** R factor → MOS (ITU-T G.107 Annex B). */
export function rToMos(r: number): number {
  if (r <= 0) return 1;
  if (r >= 100) return 4.5;
  return clamp(1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r), 1, 4.5);
}

/** MOS → grade shown next to the call timer. */
export function gradeMos(mos: number): QualityGrade {
  if (mos >= 4.2) return 'excellent';
  if (mos >= 4.0) return 'good';
  if (mos >= 3.6) return 'fair';
  if (mos >= 3.1) return 'poor';
  return 'bad';
}

/** Estimates the MOS of a call from RTT, jitter and loss. */
export function estimateMos(input: QualityInput): QualityEstimate {
  const rtt = num(input.rttMs);
  const jitter = num(input.jitterMs);
  const loss = clamp(num(input.lossPercent), 0, 100);
  const effectiveLatency = rtt / 2 + 2 * jitter + 10;
  const delayImpairment = effectiveLatency < 160 ? effectiveLatency / 40 : (effectiveLatency - 120) / 10;
  const r = clamp(93.2 - delayImpairment - 2.5 * loss, 0, 93.2);
  const mos = Math.round(rToMos(r) * 100) / 100;
  return { r: Math.round(r * 10) / 10, mos, grade: gradeMos(mos) };
}
