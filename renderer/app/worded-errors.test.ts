import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { agentInputSchema } from '../../shared/ipc/contract-desk';
import { schemaRefusal } from '../../shared/ipc/dispatch';
import type { ContractError, Result } from '../../shared/ipc/result';
import { refusal, SERVICE_ERROR_TEXTS } from '../../shared/ipc/error-texts';
import { createClient, type PosteClient, type Transport } from './client';
import { createI18n } from './i18n';
import { withWordedErrors } from './worded-errors';

/** A client whose every call is refused with this error, as the services send it. */
function refusing(error: ContractError): PosteClient {
  const transport: Transport = {
    invoke: () => Promise.resolve<Result<unknown>>({ ok: false, error }),
    on: () => () => {},
  };
  return createClient(transport, 'web');
}

/** What the contract carries for a refusal thrown by a service. */
function sent(error: ReturnType<typeof refusal>): ContractError {
  return { code: error.code, message: error.message, ...(error.text ? { text: error.text } : {}) };
}

describe('the services’ refusals, worded in the agent’s language', () => {
  it('a refusal with a key reads in French, and in English once the language changes', async () => {
    const i18n = createI18n('fr');
    const client = withWordedErrors(
      refusing(sent(refusal('invalid_input', 'folder_missing', { path: '/Users/bdc/Leads' }, 'path'))),
      i18n,
    );
    const french = await client.tryCall('leads:folders', {});
    expect(french).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'invalid_input', message: 'Aucun dossier à /Users/bdc/Leads' }),
    });
    await i18n.changeLanguage('en');
    expect(await client.tryCall('leads:folders', {})).toMatchObject({
      ok: false,
      error: { message: 'No folder at /Users/bdc/Leads' },
    });
  });

  it('call() rejects with the worded message', async () => {
    const client = withWordedErrors(refusing(sent(refusal('conflict', 'followup_in_queue'))), createI18n('fr'));
    await expect(client.call('leads:folders', {})).rejects.toThrow(
      'Ce lead est dans la file : prenez-le d’abord avec « Lead suivant » (Q-1)',
    );
  });

  it('a status is worded as the record words it; an unreadable CSV names its problem at its line', async () => {
    const i18n = createI18n('fr');
    const closed = withWordedErrors(
      refusing(sent(refusal('conflict', 'followup_closed', { status: 'lost_bdc' }))),
      i18n,
    );
    expect(await closed.tryCall('leads:folders', {})).toMatchObject({
      error: { message: 'Ce dossier est « Perdu BDC » : il n’est plus relancé' },
    });
    const csv = withWordedErrors(
      refusing({
        code: 'invalid_input',
        message: '(line 3): more than 5000 rows: split the file',
        text: { key: 'errors:csv_unreadable', params: { line: 3, code: 'csv_too_many_rows', max: 5000 } },
      }),
      i18n,
    );
    expect(await csv.tryCall('leads:folders', {})).toMatchObject({
      error: { message: 'Ligne 3 : plus de 5000 lignes : divisez le fichier' },
    });
  });

  it('a request its schema refuses reads in the agent’s language, with its bounds', async () => {
    const i18n = createI18n('fr');
    const refused = schemaRefusal(z.object({ reason: z.string().max(500) }).safeParse({ reason: 'x'.repeat(501) }).error!);
    const client = withWordedErrors(refusing(refused), i18n);
    expect(await client.tryCall('leads:folders', {})).toMatchObject({ error: { message: 'Au plus 500 caractères', path: 'reason' } });
    const extension = schemaRefusal(agentInputSchema.safeParse({ id: 'j', name: 'J', role: 'agent', extension: 'x', email: null, sipUri: null, active: true }).error!);
    expect(await withWordedErrors(refusing(extension), i18n).tryCall('leads:folders', {})).toMatchObject({ error: { message: 'Un poste a de 2 à 8 chiffres' } });
    await i18n.changeLanguage('en');
    expect(await client.tryCall('leads:folders', {})).toMatchObject({ error: { message: 'At most 500 characters' } });
  });

  it('a counted refusal takes its plural form', async () => {
    const i18n = createI18n('fr');
    const one = withWordedErrors(refusing(sent(refusal('conflict', 'followup_lost_too_early', { count: 1, after: 7 }))), i18n);
    expect(await one.tryCall('leads:folders', {})).toMatchObject({ error: { message: 'FU-1 : 1 jour sans contact; Perdu BDC vient après 7' } });
    const many = withWordedErrors(refusing(sent(refusal('conflict', 'followup_lost_too_early', { count: 5, after: 7 }))), i18n);
    expect(await many.tryCall('leads:folders', {})).toMatchObject({ error: { message: 'FU-1 : 5 jours sans contact; Perdu BDC vient après 7' } });
  });

  it('a refusal without a key, or with one the console does not know, reads as the services wrote it', async () => {
    const i18n = createI18n('fr');
    const plain = withWordedErrors(refusing({ code: 'internal', message: 'internal error; see the log' }), i18n);
    expect(await plain.tryCall('leads:folders', {})).toMatchObject({
      error: { message: 'internal error; see the log' },
    });
    const newer = withWordedErrors(
      refusing({ code: 'conflict', message: 'from a newer version', text: { key: 'errors:not_yet_known' } }),
      i18n,
    );
    expect(await newer.tryCall('leads:folders', {})).toMatchObject({ error: { message: 'from a newer version' } });
  });

  it('every key a service can refuse with is worded in both languages', () => {
    for (const language of ['fr', 'en'] as const) {
      const i18n = createI18n(language);
      for (const key of Object.keys(SERVICE_ERROR_TEXTS)) {
        expect(i18n.exists(`errors:${key}`, { count: 2 }), `${language}: ${key}`).toBe(true);
      }
    }
  });
});
