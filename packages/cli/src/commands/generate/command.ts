import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_PRODUCER } from '@ol/core';
import { stringOption, UsageError } from '../../args.js';
import type { Command } from '../../command.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../../exit-codes.js';
import { plural } from '../../format.js';
import { generateFromSchemas, SchemaInputError, type SchemaInput } from './generate.js';

export const generateCommand: Command = {
  name: 'generate',
  summary: 'TypeScript types and builders for custom facet schemas',
  usage: 'SCHEMA_FILE_OR_DIR [--out DIR]',
  help: `Reads custom facet JSON Schemas (a file, or every *.json under a directory) whose
definitions extend the base facets of spec 2-0-2 (allOf with a $ref to
https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunFacet, JobFacet,
DatasetFacet, InputDatasetFacet or OutputDatasetFacet), and writes one TypeScript
module per schema plus an index.ts: a type per definition and, per facet, a builder
that sets _producer and _schemaURL (<schema $id>#/$defs/<FacetName>).

Checks the spec's custom facet naming rules and reports each violation with its
file and JSON pointer: the name is {Prefix}{Name}{Entity}Facet in PascalCase, the
key is {prefix}_{name} in camelCase and agrees with the name, no standard facet's
key, and an absolute, immutable $id. Code is still generated; the exit code is 1.

Options:
  -o, --out DIR          write the modules to DIR (created if missing); without it
                         they are printed to stdout, each under its proposed file name
      --producer URI     default _producer of the builders (default: ${DEFAULT_PRODUCER})`,
  options: {
    out: { type: 'string', short: 'o' },
    producer: { type: 'string' },
  },
  async run(args, io) {
    if (args.positionals.length !== 1) throw new UsageError('expected exactly one SCHEMA_FILE_OR_DIR');
    const target = path.resolve(io.cwd, args.positionals[0]!);
    const producer = stringOption(args, 'producer') ?? DEFAULT_PRODUCER;
    try {
      new URL(producer);
    } catch {
      throw new UsageError(`--producer must be an absolute URI, got '${producer}'`);
    }
    let inputs: SchemaInput[];
    const skipped: string[] = [];
    try {
      inputs = await loadSchemas(target, args.positionals[0]!, skipped);
    } catch (err) {
      if (SchemaInputError.isInstance(err)) {
        io.stderr.write(`openlineage generate: ${err.message}\n`);
        return EXIT_USAGE;
      }
      throw err;
    }
    let result;
    try {
      result = generateFromSchemas(inputs, { producer });
    } catch (err) {
      if (SchemaInputError.isInstance(err)) {
        io.stderr.write(`openlineage generate: ${err.message}\n`);
        return EXIT_USAGE;
      }
      throw err;
    }

    const out = stringOption(args, 'out');
    if (out === undefined) {
      for (const file of result.files) io.stdout.write(`// ---- ${file.path} ----\n${file.content}\n`);
    } else {
      const dir = path.resolve(io.cwd, out);
      for (const file of result.files) {
        const dest = path.join(dir, file.path);
        await mkdir(path.dirname(dest), { recursive: true });
        await writeFile(dest, file.content);
      }
      io.stderr.write(`wrote ${plural(result.files.length, 'file')} to ${out}: ${result.files.map((f) => f.path).join(', ')}\n`);
    }
    for (const file of skipped) io.stderr.write(`skipped ${file}: not a facet schema (no $defs)\n`);
    for (const f of result.facets) {
      io.stderr.write(`facet ${f.name}${f.key ? ` (key ${f.key})` : ''} → ${f.builder}(), _schemaURL ${f.schemaURL}\n`);
    }
    for (const w of result.warnings) io.stderr.write(`warning: ${w.file}#${w.pointer}: ${w.message}\n`);
    for (const v of result.violations) io.stderr.write(`naming: ${v.file}#${v.pointer}: ${v.message} [${v.rule}]\n`);
    if (result.violations.length > 0) {
      io.stderr.write(`${plural(result.violations.length, 'naming violation')}\n`);
      return EXIT_FAILED;
    }
    return EXIT_OK;
  },
};

async function loadSchemas(target: string, given: string, skipped: string[]): Promise<SchemaInput[]> {
  let info;
  try {
    info = await stat(target);
  } catch {
    throw new SchemaInputError(`${given}: no such file or directory`);
  }
  if (info.isFile()) return [await loadSchema(target, given, `${path.basename(target, '.json')}.ts`)];
  const files = (await readdir(target, { recursive: true }))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
  if (files.length === 0) throw new SchemaInputError(`${given}: no *.json schema files in this directory`);
  const loaded = await Promise.all(files.map((rel) => loadSchema(path.join(target, rel), rel, rel.replace(/\.json$/, '.ts'))));
  // Directories of facets often hold other JSON too (the spec's registry.json files): only schemas with definitions count.
  const schemas = loaded.filter((s) => hasDefinitions(s.schema));
  skipped.push(...loaded.filter((s) => !hasDefinitions(s.schema)).map((s) => s.file));
  if (schemas.length === 0) throw new SchemaInputError(`${given}: no facet schemas (JSON files with $defs) in this directory`);
  return schemas;
}

function hasDefinitions(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  const s = schema as Record<string, unknown>;
  return typeof (s.$defs ?? s.definitions) === 'object';
}

async function loadSchema(file: string, display: string, outPath: string): Promise<SchemaInput> {
  const text = await readFile(file, 'utf8');
  try {
    return { file: display, outPath, schema: JSON.parse(text) as unknown };
  } catch (err) {
    throw new SchemaInputError(`${display}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}
