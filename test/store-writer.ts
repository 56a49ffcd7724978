// Child process of the kill test in store.test.ts: saves the report in a loop and prints each
// committed run id, until it is killed.
import fs from 'node:fs';
import type { Report } from '../src/engine/report-types.js';
import { openSqliteStore } from '../src/store/sqlite.js';

const [database, reportFile] = process.argv.slice(2);
if (database === undefined || reportFile === undefined) throw new Error('usage: store-writer <database> <report>');
const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as Report;
const store = openSqliteStore(database);
for (let index = 0; ; index++) {
  const runId = await store.saveRun(
    { name: 'killed', branch: 'main', commit: index.toString(16).padStart(40, '0') },
    { ...report, run: { ...report.run, durationMs: index } },
  );
  fs.writeSync(1, `${runId}\n`);
}
