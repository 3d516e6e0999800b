import { ConfigError, type OptionReader } from '@ol/core';

/**
 * Scheme, `://` and a host, like the Python client's `parse_url` check. WHATWG URL parsing alone
 * is too lenient: it reads `http:example.com` and `http:/example.com` as `http://example.com/`.
 */
const HAS_SCHEME_AND_HOST = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+/i;

/** Parses and validates a base URL; surrounding whitespace is ignored. Throws a ConfigError otherwise. */
export function parseBaseUrl(value: string, reader: OptionReader, key = 'url'): URL {
  const trimmed = value.trim();
  const fail = (expected: string) => reader.error(key, expected, value);
  if (!HAS_SCHEME_AND_HOST.test(trimmed)) throw fail('an absolute http(s) URL with a scheme and a host, e.g. "http://localhost:5000"');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch (cause) {
    throw new ConfigError({
      source: reader.scope.origin(reader.pathOf(key)),
      path: reader.pathOf(key).join('.'),
      expected: 'a valid URL',
      actual: value,
      cause,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw fail('an http:// or https:// URL');
  if (url.hostname === '') throw fail('a URL with a host');
  return url;
}

/**
 * Joins the endpoint to the base URL the way a relative link resolves (WHATWG `new URL(endpoint, url)`,
 * the same rules as Python's `urljoin`): a relative endpoint replaces the last path segment of `url`
 * unless `url` ends with `/`; an endpoint starting with `/` replaces the whole path; an absolute
 * endpoint replaces everything.
 */
export function joinEndpoint(url: URL | string, endpoint: string): URL {
  return new URL(endpoint, url);
}

/** The URL without user info, for messages and logs. */
export function displayUrl(url: URL | string): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.toString();
}
