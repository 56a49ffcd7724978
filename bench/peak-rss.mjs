// Preloaded into the scanned process by bench/run.ts (node --import): writes the peak resident
// set size in KiB to PRODREADY_BENCH_RSS_FILE when the process exits.
import fs from 'node:fs';

process.on('exit', () => {
  const file = process.env.PRODREADY_BENCH_RSS_FILE;
  if (file !== undefined && file !== '') fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
});
