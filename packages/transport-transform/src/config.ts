import type { OptionScope } from '@ol/core';
import { OptionReader } from '@ol/core/internal';

/** Normalized `transform` transport config (camelCase, defaults filled in). */
export interface TransformTransportConfig {
  /** The inner transport's config, as given (built through the registry). */
  transport: Record<string, unknown>;
  /** Built-in name, Python path of the built-in, or a module specifier with optional `#export`. */
  transformerClass: string;
  transformerProperties: Record<string, unknown>;
}

export const TRANSFORM_OPTION_KEYS = ['type', 'transport', 'transformer_class', 'transformer_properties'] as const;

export function readTransformConfig(raw: unknown, scope: OptionScope): TransformTransportConfig {
  const r = new OptionReader(raw, scope);
  const inner = r.object('transport', { required: true })!;
  return {
    transport: { ...inner.raw },
    transformerClass: r.string('transformer_class', { required: true }),
    transformerProperties: r.map('transformer_properties', { default: {} })!,
  };
}
