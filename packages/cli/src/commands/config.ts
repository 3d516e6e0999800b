import { ConfigError, redact, REDACTED, resolveConfig, type ResolvedConfig, silentLogger } from '@ol/core';
import {
  canonicalTypeName,
  describeJavaSections,
  isPlainObject,
  isSecretKey,
  type JavaSectionsReport,
  parseTransportConfig,
  scrub,
  wellKnownPackage,
} from '@ol/core/internal';
import { flag } from '../args.js';
import type { Command } from '../command.js';
import { CONFIG_OPTION_HELP, envWithConfigOption } from '../config-option.js';
import { EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import { reportConfigProblem } from '../cli-client.js';
import { describeError, toJsonText } from '../format.js';
import { renderTree } from '../tree.js';

/** One transport in the resolved tree: what it is, where it came from, its options as the transport will use them. */
export interface TransportNode {
  type: string;
  /** Composite children have names. */
  name?: string;
  /** Source of the `type` value: `/path/openlineage.yml:3`, `OPENLINEAGE__TRANSPORT__TYPE`, `default`. */
  origin: string;
  /** Package that provides a built-in type (resolved from the current directory first). */
  package?: string;
  /** False when the descriptor's `parse` hands back the raw mapping: the options are shown as configured. */
  normalized: boolean;
  options: Record<string, unknown>;
  children?: TransportNode[];
  error?: string;
}

export interface ConfigReport {
  sources: { kind: string; detail: string }[];
  file?: string;
  disabled: boolean;
  warnings: string[];
  transport?: TransportNode;
  /** The Java client's sections: dataset namespace resolvers and trimmers, circuit breaker, metrics. */
  dataset?: JavaSectionsReport['dataset'];
  circuitBreaker?: JavaSectionsReport['circuitBreaker'];
  metrics?: JavaSectionsReport['metrics'];
}

export const configCommand: Command = {
  name: 'config',
  summary: 'show the resolved config: sources, disabled, transport tree',
  usage: '[--config FILE] [--json]',
  help: `Resolves the configuration exactly as the library does and prints what was used:
the sources (the YAML file, the OPENLINEAGE_* variables), whether emission is
disabled (OPENLINEAGE_DISABLED), and the transport tree with each transport's
options normalized and defaults filled in (as its package's parse() reports
them), each with where its type came from. Secrets (api keys, passwords, tokens)
are printed as ***. The first thing to run when events go nowhere.

Options:
${CONFIG_OPTION_HELP}
      --json             print the report as JSON`,
  options: {
    config: { type: 'string', short: 'c' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const env = envWithConfigOption(args, io);
    let resolved: ResolvedConfig;
    try {
      resolved = resolveConfig({ env, cwd: io.cwd });
    } catch (err) {
      if (!ConfigError.isInstance(err)) throw err;
      io.stderr.write(`openlineage config: ${err.message}\n`);
      return EXIT_USAGE;
    }
    const report: ConfigReport = {
      sources: resolved.sources.map((s) => ({ kind: s.kind, detail: s.detail })),
      ...(resolved.file !== undefined ? { file: resolved.file } : {}),
      disabled: resolved.disabled,
      warnings: resolved.warnings ?? [],
    };
    let failure: string | undefined;
    try {
      const java = describeJavaSections(resolved.config, resolved.origin);
      report.dataset = java.dataset;
      if (java.circuitBreaker !== undefined) report.circuitBreaker = java.circuitBreaker;
      if (java.metrics !== undefined) report.metrics = java.metrics;
      report.warnings.push(...java.warnings);
    } catch (err) {
      if (!ConfigError.isInstance(err)) throw err;
      failure = describeError(err);
    }
    const transport = resolved.config.transport;
    if (transport !== undefined) {
      report.transport = await describeTransport(transport, ['transport'], resolved, io.cwd, undefined);
      failure ??= firstError(report.transport);
    }
    // Belt and braces: a secret value must not show up anywhere, even inside another string (a URL, a header).
    const text = scrub(flag(args, 'json') ? toJsonText(report) : renderReport(report), secretValues(resolved));
    io.stdout.write(text);
    if (failure !== undefined) {
      reportConfigProblem('config', failure, io);
      return EXIT_USAGE;
    }
    return EXIT_OK;
  },
};

async function describeTransport(config: unknown, path: string[], resolved: ResolvedConfig, cwd: string, name: string | undefined): Promise<TransportNode> {
  const typePath = [...path, 'type'];
  const rawType = isPlainObject(config) && typeof config.type === 'string' ? config.type : undefined;
  const type = rawType === undefined ? '(none)' : canonicalTypeName(rawType);
  const pkg = wellKnownPackage(type);
  const node: TransportNode = {
    type,
    ...(name !== undefined ? { name } : {}),
    origin: resolved.origin(typePath),
    ...(pkg !== undefined ? { package: pkg } : {}),
    normalized: false,
    options: {},
  };
  const raw = isPlainObject(config) ? config : {};
  try {
    const { config: normalized } = await parseTransportConfig(config, {
      logger: silentLogger,
      env: resolved.env,
      cwd,
      origin: resolved.origin,
      path,
      ...(resolved.baseDirOf !== undefined ? { baseDirOf: resolved.baseDirOf } : { baseDir: resolved.baseDir }),
    });
    node.normalized = normalized !== raw;
    const options = isPlainObject(normalized) ? { ...normalized } : {};
    node.children = await childrenOf(options, path, resolved, cwd);
    if (node.children.length === 0) delete node.children;
    node.options = displayable(redact(withoutType(options))) as Record<string, unknown>;
  } catch (err) {
    node.error = describeError(err);
    node.options = displayable(redact(withoutType(raw))) as Record<string, unknown>;
  }
  return node;
}

/**
 * Composite lists its children as `{ name, config, path }`, transform holds one under `transport`:
 * each child is described on its own (its own package, its own normalize) and removed from the options.
 */
async function childrenOf(options: Record<string, unknown>, path: string[], resolved: ResolvedConfig, cwd: string): Promise<TransportNode[]> {
  const out: TransportNode[] = [];
  if (Array.isArray(options.transports)) {
    for (const [i, child] of options.transports.entries()) {
      if (!isPlainObject(child) || !isPlainObject(child.config)) continue;
      const childPath = Array.isArray(child.path) ? child.path.map(String) : [...path, 'transports', String(i)];
      const childName = typeof child.name === 'string' ? child.name : undefined;
      const described = await describeTransport(child.config, childPath, resolved, cwd, childName);
      if (typeof child.priority === 'number' && child.priority !== 0) described.options = { priority: child.priority, ...described.options };
      out.push(described);
    }
    delete options.transports;
  }
  if (isPlainObject(options.transport) && 'type' in options.transport) {
    out.push(await describeTransport(options.transport, [...path, 'transport'], resolved, cwd, undefined));
    delete options.transport;
  }
  return out;
}

function withoutType(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([k]) => k !== 'type'));
}

/** Normalized configs may hold Buffers, URLs, functions or class instances: show what they are, not their internals. */
function displayable(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? '[function]' : value;
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  if (value instanceof URL) return value.href;
  if (value instanceof RegExp) return String(value);
  if (Array.isArray(value)) return value.map(displayable);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    const ctor = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
    return `[${ctor}]`;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, displayable(v)]));
}

function firstError(node: TransportNode): string | undefined {
  if (node.error !== undefined) return node.error;
  for (const child of node.children ?? []) {
    const e = firstError(child);
    if (e !== undefined) return e;
  }
  return undefined;
}

/** Values under secret-looking keys in the config and in OPENLINEAGE* variables with secret-looking names. */
function secretValues(resolved: ResolvedConfig): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isPlainObject(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (isSecretKey(k) && typeof x === 'string') out.push(x);
        else walk(x);
      }
    }
  };
  walk(resolved.config);
  for (const [k, v] of Object.entries(resolved.env)) if (k.startsWith('OPENLINEAGE') && isSecretKey(k) && v) out.push(v);
  // Never let a short or common value (e.g. "true") wipe unrelated text: scrub ignores values under 3 characters.
  return out.filter((s) => s !== REDACTED);
}

function renderReport(report: ConfigReport): string {
  const lines: string[] = [];
  lines.push('Sources (highest precedence first):');
  if (report.sources.length === 0) lines.push('  (none)');
  for (const s of report.sources) lines.push(`  ${s.kind.padEnd(10)} ${s.detail}`);
  lines.push('');
  lines.push(`Emission: ${report.disabled ? 'DISABLED (OPENLINEAGE_DISABLED=true): every emit is a no-op' : 'enabled'}`);
  if (report.transport !== undefined) {
    lines.push('');
    lines.push('Transport:');
    renderNode(report.transport, '  ', lines);
  }
  renderJavaSections(report, lines);
  if (report.warnings.length > 0) {
    lines.push('');
    lines.push('Warnings:');
    for (const w of report.warnings) lines.push(`  ${w}`);
  }
  return `${lines.join('\n')}\n`;
}

function renderNode(node: TransportNode, indent: string, lines: string[]): void {
  const label = `${node.name !== undefined ? `${node.name}: ` : ''}${node.type}`;
  const notes = [`from ${node.origin}`];
  if (node.package !== undefined) notes.push(`package ${node.package}`);
  if (node.error === undefined && !node.normalized) notes.push('options as configured');
  lines.push(`${indent}${label}  (${notes.join(', ')})`);
  if (node.error !== undefined) lines.push(`${indent}  ERROR: ${node.error}`);
  lines.push(...renderTree(node.options, `${indent}  `));
  if (node.children !== undefined) {
    lines.push(`${indent}  ${node.type === 'transform' ? 'transport' : 'transports'}:`);
    for (const child of node.children) renderNode(child, `${indent}    `, lines);
  }
}

function renderJavaSections(report: ConfigReport, lines: string[]): void {
  const d = report.dataset;
  if (d !== undefined) {
    lines.push('');
    lines.push('Datasets:');
    lines.push(
      `  trimmers: ${d.trimmers.length > 0 ? d.trimmers.join(', ') : '(none)'}${d.extraTrimmers.length > 0 ? ` + modules ${d.extraTrimmers.join(', ')}` : ''}`,
    );
    if (d.namespaceResolvers.length === 0) lines.push('  namespaceResolvers: (none)');
    else {
      lines.push('  namespaceResolvers (first that changes a namespace wins):');
      for (const r of d.namespaceResolvers) {
        lines.push(`    ${r.name}: ${r.type}  (from ${r.origin})`);
        lines.push(...renderTree(r.options, '      '));
      }
    }
  }
  if (report.circuitBreaker !== undefined) {
    lines.push('');
    lines.push(`Circuit breaker: ${report.circuitBreaker.type}  (from ${report.circuitBreaker.origin})`);
    lines.push(...renderTree(report.circuitBreaker.options, '  '));
  }
  if (report.metrics !== undefined) {
    const m = report.metrics;
    const notes = [`from ${m.origin}`, ...(m.package !== undefined ? [`package ${m.package}`] : []), ...(m.ignored !== undefined ? ['ignored'] : [])];
    lines.push('');
    lines.push(`Metrics: ${m.type}  (${notes.join(', ')})`);
  }
}
