/**
 * The services in a child process, for the SIGKILL tests (services-crash.resilience.ts).
 * Runs with `node --import tsx test/resilience/crash-child.ts <mode> <database> [csv]`:
 *
 * - `import <db> <csv>`: prints `start`, imports the CSV (one transaction, as the console
 *   does), then prints `done <status> <createdClients>`;
 * - `actions <db>`: sends texts and places calls on the seeded clients as fast as it can and
 *   prints one line per action the services acknowledged
 *   (`ack sms <textId> <activityId>` / `ack call <activityId>`), until killed.
 *
 * Lines go out with a synchronous write on fd 1, so a line the parent reads was written
 * after the action committed and before the next one started.
 */
import { readFileSync, writeSync } from 'node:fs';
import { createServices } from '../../electron/services';
import { importCsvText } from '../../electron/services/leads/importer';
import { memorySettingsStore } from '../../electron/services/settings/store';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { dispatch } from '../../shared/ipc/dispatch';

/** The CSV the parent writes: these columns, in this order. */
const CSV_MAPPING = { firstName: 0, lastName: 1, email: 2, mobilePhone: 3, provider: 4, providerRef: 5 };

const say = (line: string): void => {
  writeSync(1, `${line}\n`);
};

async function main(): Promise<void> {
  const [mode, databaseFile, csvFile] = process.argv.slice(2);
  if (!databaseFile || (mode !== 'import' && mode !== 'actions'))
    throw new Error('usage: crash-child.ts import|actions <db> [csv]');
  const services = createServices({
    databaseFile,
    settings: memorySettingsStore({ ...DEFAULT_SETTINGS, agentId: 'marc', smsDomain: 'sms.poste.test' }),
    host: 'web',
    version: 'resilience',
  });
  if (mode === 'import') {
    if (!csvFile) throw new Error('import needs a CSV file');
    const text = readFileSync(csvFile, 'utf8');
    say('start');
    const report = importCsvText(services.context, text, { mapping: CSV_MAPPING }, 'resilience.csv');
    say(`done ${report.status} ${report.createdClients}`);
    services.close();
    return;
  }
  const clients = services.db
    .prepare(
      'SELECT c.id, p.e164 FROM clients c JOIN client_phones p ON p.client_id = c.id WHERE p.kind = ? ORDER BY c.id',
    )
    .all('mobile') as { id: string; e164: string }[];
  if (clients.length === 0) throw new Error('no seeded clients');
  say('ready');
  for (let i = 0; ; i++) {
    const client = clients[i % clients.length] as { id: string; e164: string };
    if (i % 2 === 0) {
      const r = await dispatch(services.handlers, 'work:smsSent', {
        clientId: client.id,
        e164: client.e164,
        body: `burst ${i}`,
        templateName: null,
      });
      if (!r.ok) throw new Error(`work:smsSent: ${r.error.message}`);
      const v = r.value as { textId: string; activityId: string };
      say(`ack sms ${v.textId} ${v.activityId}`);
    } else {
      const r = await dispatch(services.handlers, 'work:callPlaced', { clientId: client.id, e164: client.e164 });
      if (!r.ok) throw new Error(`work:callPlaced: ${r.error.message}`);
      say(`ack call ${(r.value as { activityId: string }).activityId}`);
    }
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
