import { sipAccountSchema, type SipAccount } from '../../shared/domain/settings';

/**
 * The SIP account from the environment (POSTE_SIP_*), so CI and kiosk machines need no
 * clicks. The password stays in memory: it is never written to the settings file.
 */
export function sipAccountFromEnv(
  env: NodeJS.ProcessEnv,
): { ok: true; value: { account: SipAccount; password: string } | null } | { ok: false; error: string } {
  const server = env.POSTE_SIP_WS;
  const uri = env.POSTE_SIP_URI;
  if (!server && !uri) return { ok: true, value: null };
  const parsed = sipAccountSchema.safeParse({
    server,
    uri,
    authUser: env.POSTE_SIP_AUTH_USER ?? uri?.replace(/^sips?:/, '').split('@')[0],
    displayName: env.POSTE_SIP_DISPLAY_NAME ?? '',
    iceServers: [],
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `POSTE_SIP_* environment: ${issue?.path.join('.')}: ${issue?.message}` };
  }
  return { ok: true, value: { account: parsed.data, password: env.POSTE_SIP_PASSWORD ?? '' } };
}
