import { openDatabase } from '../db/connection';
const db = openDatabase(':memory:');
for (const sql of ["INSERT INTO client_search(client_search, rank) VALUES ('automerge', 0)", "INSERT INTO client_search(client_search, rank) VALUES ('pgsz', 8000)", "INSERT INTO client_search(client_search, rank) VALUES ('crisismerge', 100)"]) {
  try { db.exec(sql); console.log('ok', sql); } catch (e) { console.log('fail', sql, (e as Error).message); }
}
console.log(db.prepare('select * from client_search_config').all());
