/** Entry point of the demo's helper process (see `parallel.ts`); not for direct use. */
import type { PartJob } from './parallel';
import { runPart } from './parallel';

const job = JSON.parse(process.argv[2] ?? '{}') as PartJob;
try {
  const counts = runPart(job);
  process.send?.({ counts }, () => process.exit(0));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
