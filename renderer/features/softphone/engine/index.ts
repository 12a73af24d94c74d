/**
 * Softphone engine — public entry point. See engine.ts for {@link SoftphoneEngine} and
 * types.ts for the event map and state unions.
 */
export { createSoftphoneEngine } from './engine';
export type { SoftphoneEngine } from './engine';
export type * from './types';
export { applyDialRules } from './dial-rules';
export type { DialRules, DialResult } from './dial-rules';
export { estimateMos, rToMos, gradeMos } from './mos';
export type { QualityInput, QualityEstimate, QualityGrade } from './mos';
export { extractCallerId, parseNameAddr, uriNumber } from './caller-id';
export type { CallerId } from './caller-id';
export { backoffDelay, backoffSchedule, DEFAULT_BACKOFF } from './backoff';
export type { BackoffPolicy } from './backoff';
export { validateAccount, isLoopbackHost, AccountError } from './account';
export { DEFAULT_ROUTING } from './audio-router';
