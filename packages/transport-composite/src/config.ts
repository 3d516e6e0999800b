import { ConfigError, type OptionScope } from '@ol/core';
import { isPlainObject, OptionReader, scopeAt } from '@ol/core/internal';

/** One child as configured: its own config (without `name`/`priority`), where it sits, and its ordering keys. */
export interface CompositeChildConfig {
  name?: string;
  priority: number;
  config: Record<string, unknown>;
  /** Absolute key path of the child's config, for its own config errors. */
  path: string[];
}

/** Normalized `composite` transport config (camelCase, defaults filled in, children in delivery order). */
export interface CompositeTransportConfig {
  transports: CompositeChildConfig[];
  continueOnFailure: boolean;
  continueOnSuccess: boolean;
  sortTransports: boolean;
}

export const COMPOSITE_OPTION_KEYS = ['type', 'transports', 'continue_on_failure', 'continue_on_success', 'sort_transports'] as const;

/**
 * Reads the Python client's `composite` options. `transports` is a list (entries may carry
 * `name`) or a map (key = name). Map entries that are empty (`{}`) are skipped, which is how
 * `OPENLINEAGE__TRANSPORT__TRANSPORTS__DEFAULT_HTTP='{}'` opts out of the aliased HTTP child.
 */
export function readCompositeConfig(raw: unknown, scope: OptionScope): CompositeTransportConfig {
  const r = new OptionReader(raw, scope);
  const value = r.get('transports');
  const at = r.pathOf('transports');
  let children: CompositeChildConfig[];
  if (Array.isArray(value)) {
    children = value.map((entry, i) => readChild(entry, [...at, String(i)], undefined, scope));
  } else if (isPlainObject(value)) {
    children = Object.entries(value)
      .filter(([, entry]) => !isEmpty(entry))
      .map(([key, entry]) => readChild(entry, [...at, key], key, scope));
  } else {
    throw r.error('transports', 'a list or a map of transport configs', value);
  }
  if (children.length === 0) throw r.error('transports', 'at least one transport config', value);
  const sortTransports = r.boolean('sort_transports', { default: false });
  return {
    // Array.prototype.sort is stable, so equal priorities keep their configured order.
    transports: sortTransports ? [...children].sort((a, b) => b.priority - a.priority) : children,
    continueOnFailure: r.boolean('continue_on_failure', { default: true }),
    continueOnSuccess: r.boolean('continue_on_success', { default: true }),
    sortTransports,
  };
}

function isEmpty(entry: unknown): boolean {
  return entry === null || entry === undefined || entry === '' || entry === false || (isPlainObject(entry) && Object.keys(entry).length === 0);
}

function readChild(entry: unknown, path: string[], key: string | undefined, scope: OptionScope): CompositeChildConfig {
  if (!isPlainObject(entry)) {
    throw new ConfigError({ source: scope.origin(path), path: path.join('.'), expected: 'a transport config (a mapping with a type)', actual: entry });
  }
  const r = new OptionReader(entry, scopeAt(scope, path));
  // As in Python, the map key is the name even when the entry also has a `name`.
  const name = key ?? r.string('name');
  const priority = r.number('priority', { default: 0, integer: true });
  const config = Object.fromEntries(Object.entries(entry).filter(([k]) => k !== r.keyOf('name') && k !== r.keyOf('priority')));
  return { ...(name === undefined ? {} : { name }), priority, config, path };
}
