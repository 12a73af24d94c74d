import type { Settings } from '../../../shared/domain/settings';
import { scrubText } from '../log/logger';
import type { DeskRuntime } from './runtime';

/**
 * The « copier les diagnostics » text for support. It says what runs where and how the
 * phone is doing; it never holds the SIP password, a token, or a client's message: the
 * account shows its server and URI only, and log lines are scrubbed again.
 */
export interface DiagnosticsInput {
  now: Date;
  host: 'electron' | 'web';
  environment: Record<string, string>;
  settings: Settings;
  sipPasswordSet: boolean;
  runtime: Pick<DeskRuntime, 'badge' | 'status' | 'microphone'>;
  agent: { id: string; name: string } | null;
  counts: Record<string, number>;
  logLines: readonly string[] | null;
}

function serverOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return '(invalide)';
  }
}

export function diagnosticsText(input: DiagnosticsInput): string {
  const { settings, runtime } = input;
  const lines: string[] = [];
  const add = (label: string, value: string) => lines.push(`${label}: ${value}`);
  lines.push('Poste — diagnostics');
  add('Généré le', input.now.toISOString());
  add('Hôte', input.host === 'electron' ? 'application (Electron)' : 'navigateur (hôte web)');
  for (const [key, value] of Object.entries(input.environment)) add(key, value);
  lines.push('');
  lines.push('[Téléphonie]');
  if (settings.sip) {
    add('Serveur SIP', serverOf(settings.sip.server));
    add('URI SIP', settings.sip.uri);
    add('Serveurs ICE', String(settings.sip.iceServers.length));
  } else add('Compte SIP', 'non configuré');
  add('Mot de passe SIP', input.sipPasswordSet ? 'enregistré' : 'absent');
  add(
    'Enregistrement',
    runtime.status ? `${runtime.status.registration} (signalé ${runtime.status.at})` : 'non signalé par le téléphone',
  );
  add('Présence', runtime.status?.presence ?? 'inconnue');
  add('Microphone (système)', runtime.microphone);
  const audio = settings.audio;
  add(
    'Appareils audio choisis',
    (['microphoneId', 'headsetId', 'ringerId', 'shadowHeadsetId', 'shadowMicrophoneId'] as const)
      .map((k) => `${k}=${audio[k] ? 'oui' : 'défaut'}`)
      .join(', '),
  );
  add('Appareils de rappel (BLEAD)', `${settings.callbackDevices.length}, sonnerie ${settings.bleadRingTimeoutS} s`);
  add('Route SMS', settings.smsDomain ? 'configurée' : 'absente');
  lines.push('');
  lines.push('[Console]');
  add('Agent', input.agent ? `${input.agent.name} (${input.agent.id})` : 'aucun');
  add('Langue', settings.language);
  add('Fuseau horaire', settings.timeZone);
  add('Pastille', `appels manqués : ${runtime.badge.missedCalls}, textos non lus : ${runtime.badge.unreadTexts}`);
  for (const [table, count] of Object.entries(input.counts)) add(`Lignes ${table}`, String(count));
  lines.push('');
  lines.push('[Journal]');
  if (input.logLines === null) lines.push('(pas de fichier journal dans cet hôte : voir sa sortie d’erreur)');
  else if (input.logLines.length === 0) lines.push('(vide)');
  else lines.push(...input.logLines.map(scrubText));
  return `${lines.join('\n')}\n`;
}
