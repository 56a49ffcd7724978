// Module loading hooks: append each loaded URL to the file named at registration.
import { appendFileSync } from 'node:fs';

let logFile;

export async function initialize(file) {
  logFile = file;
}

export async function load(url, context, nextLoad) {
  if (logFile !== undefined) appendFileSync(logFile, `${url}\n`);
  return nextLoad(url, context);
}
