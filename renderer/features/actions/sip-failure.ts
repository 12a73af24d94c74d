import type { SipFailure } from '../softphone/failure';

/** The translated reason: `t` is the `actions` namespace's. */
export function sipFailureText(
  t: (key: string, options?: Record<string, unknown>) => string,
  failure: SipFailure,
): string {
  if (failure.kind === 'rejected') {
    return failure.code === undefined ? t('sipFailure.refused') : t('sipFailure.rejected', { code: failure.code });
  }
  // A registration lost mid-action reads as the softphone not being connected.
  return t(`sipFailure.${failure.kind === 'lost' ? 'not_registered' : failure.kind}`);
}
