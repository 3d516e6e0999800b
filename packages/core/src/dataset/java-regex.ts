import { ConfigError } from '../errors.js';

/**
 * Compiles a regex written for the Java client. JavaScript and Java agree on the common syntax
 * (classes, quantifiers, `(?<name>…)` groups, look-around); the differences users hit are handled here:
 * a leading inline flag group such as `(?i)` becomes a RegExp flag, `\p{…}` switches on Unicode mode,
 * and what JavaScript cannot express (possessive quantifiers, atomic groups, `\A` / `\Z`) fails to compile.
 */
export function compileJavaRegex(source: string, flags: string, where: { source: string; path: string }): RegExp {
  let body = source;
  let extra = '';
  const inline = /^\(\?([imsx]+)\)/.exec(body);
  if (inline !== null && !inline[1]!.includes('x')) {
    extra = inline[1]!;
    body = body.slice(inline[0].length);
  }
  const unicode = /\\[pP]\{/.test(body) ? 'u' : '';
  const unsupported = /(?:^|[^\\])(?:\(\?>|[*+?}]\+|\\[AZz])/.exec(body);
  if (unsupported !== null) {
    throw new ConfigError({
      source: where.source,
      path: where.path,
      expected: `a regular expression JavaScript supports (atomic groups "(?>", possessive quantifiers "*+" and \\A / \\Z / \\z are Java-only; found ${JSON.stringify(unsupported[0].trim())})`,
      actual: source,
    });
  }
  try {
    return new RegExp(body, [...new Set(flags + extra + unicode)].join(''));
  } catch (cause) {
    throw new ConfigError({
      source: where.source,
      path: where.path,
      expected: `a valid regular expression (${cause instanceof Error ? cause.message : String(cause)})`,
      actual: source,
      cause,
    });
  }
}
