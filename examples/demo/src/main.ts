#!/usr/bin/env node
import { OpenLineageClient } from '@ol/core';
import { runPipeline } from './pipeline.js';

/**
 * `pnpm demo`: emits a small pipeline's lineage through whatever transport the config selects
 * (openlineage.yml in the working directory, OPENLINEAGE__* or OPENLINEAGE_URL), else the console.
 * Events go to stdout as JSON lines; this summary goes to stderr so stdout stays machine-readable.
 */
const client = await OpenLineageClient.create({ cwd: process.cwd() });
const { failed } = await runPipeline(client);
const delivered = await client.close(10_000);
const stats = client.stats();
process.stderr.write(
  `\ndemo: ${stats.emitted} events through the ${client.transport.type} transport ` +
    `(success ${stats.success}, failed ${stats.failed}, dropped ${stats.dropped}); ` +
    `job ${failed.join(', ')} failed on purpose to show a FAIL event.\n`,
);
if (!delivered || stats.failed > 0) process.exitCode = 1;
