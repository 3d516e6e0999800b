#!/usr/bin/env node
import process from 'node:process';
import { run } from './cli.js';
import { processIO } from './io.js';

// `openlineage generate x.json | head` closes stdout early; that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

// exitCode rather than exit(): let stdout drain when piped.
process.exitCode = await run(process.argv.slice(2), processIO());
