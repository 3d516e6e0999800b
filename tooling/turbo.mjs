#!/usr/bin/env node
// The root scripts run turbo through this file so that what they print is ours: no telemetry
// notice on a fresh machine (TURBO_TELEMETRY_DISABLED), and with --quiet (the quick start's build
// step) turbo's own banner and summary are kept back and shown only when the build fails.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
const quiet = args[0] === '--quiet';
const label = quiet ? args[1] : undefined;
const turboArgs = quiet ? args.slice(2) : args;

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
const started = Date.now();
if (quiet) process.stderr.write(`building ${label}…\n`);
// turbo's own launcher script, so this works from a pnpm script and from a plain shell alike.
const turbo = createRequire(import.meta.url).resolve('turbo/bin/turbo');
const child = spawn(process.execPath, [turbo, ...turboArgs], { env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
const captured = [];
child.stdout?.on('data', (chunk) => captured.push(chunk));
child.stderr?.on('data', (chunk) => captured.push(chunk));
child.on('error', (error) => {
  process.stderr.write(`could not run turbo: ${error.message}\n`);
  process.exit(1);
});
child.on('close', (code, signal) => {
  if (quiet && code === 0) process.stderr.write(`built ${label} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  if (quiet && code !== 0) process.stderr.write(Buffer.concat(captured));
  process.exit(code ?? (signal ? 1 : 0));
});
