import { openDatabase } from '../db/connection';
import { demoPhone } from './phone-space';
import { phoneSearchTokens } from '../db/repos/contacts';
const N = 200000;
const rows: [string, string, string, string][] = [];
for (let i = 0; i < N; i++) rows.push([String(1e9 + i) + '-aaaa-4bbb-8ccc-dddddddddddd', 'Marie-Ève Côté', `marie-eve.cote${i}@example.com`, phoneSearchTokens(demoPhone(2 * i)) + ' ' + phoneSearchTokens(demoPhone(2 * i + 1))]);
for (const cfg of [[], [['automerge', 0], ['crisismerge', 64]], [['automerge', 16]], [['pgsz', 8000]]] as [string, number][][]) {
  const db = openDatabase(':memory:');
  for (const [k, v] of cfg) db.exec(`INSERT INTO client_search(client_search, rank) VALUES ('${k}', ${v})`);
  const st = db.prepare('INSERT INTO client_search (client_id, name, emails, phones) VALUES (?,?,?,?)');
  const t0 = performance.now();
  db.transaction(() => { for (const r of rows) st.run(r[0], r[1], r[2], r[3]); })();
  const t1 = performance.now();
  const segs = db.prepare("SELECT count(*) n FROM client_search_data").get();
  console.log(JSON.stringify(cfg), ((t1 - t0) * 1000 / N).toFixed(2), 'us/row', JSON.stringify(segs));
  const t2 = performance.now();
  if (cfg.length) db.prepare("INSERT INTO client_search(client_search) VALUES ('optimize')").run();
  console.log('  optimize', ((performance.now() - t2) / 1000).toFixed(2), 's', db.prepare("select count(*) n from client_search where client_search match '5145550199'").get());
  db.close();
}
