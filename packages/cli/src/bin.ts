#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import process from 'node:process';
import { run } from './cli.js';
import { processIO } from './io.js';

// Core looks for transport packages from the cwd, then from the main script's directory. Installed
// globally, the script is reached through a bin symlink (/usr/local/bin/openlineage); its real
// location (…/lib/node_modules/@ol/cli/dist) is where transports installed next to the CLI are found.
if (process.argv[1] !== undefined) {
  try {
    process.argv[1] = realpathSync(process.argv[1]);
  } catch {
    // keep it as given
  }
}

// `openlineage generate x.json | head` closes stdout early; that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

// exitCode rather than exit(): let stdout drain when piped.
process.exitCode = await run(process.argv.slice(2), processIO());
