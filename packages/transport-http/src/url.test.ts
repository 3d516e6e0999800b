import { ConfigError } from '@ol/core';
import { describe, expect, it } from 'vitest';
import { normalizeHttpConfig } from './index.js';
import { displayUrl, joinEndpoint } from './internal.js';

describe('url validation', () => {
  it.each(['notanurl', 'http://', 'example.com', 'http:example.com', 'http:/example.com', '196.168.0.1', 'ftp://example.com', '', '   '])(
    'rejects %j with a ConfigError naming the key',
    (url) => {
      let err: unknown;
      try {
        normalizeHttpConfig({ url });
      } catch (e) {
        err = e;
      }
      expect(ConfigError.isInstance(err)).toBe(true);
      expect((err as ConfigError).path).toBe('transport.url');
      expect((err as ConfigError).source).toBe('code');
    },
  );

  it.each([
    ' http://example.com',
    'http://example.com ',
    '\thttps://example.com:8443/base\n',
    'http://localhost:5000',
    'http://[::1]:5000',
    'http://user:pw@host',
  ])('accepts %j (trimmed)', (url) => {
    const c = normalizeHttpConfig({ url });
    expect(c.url).toBe(url.trim());
  });
});

describe('endpoint joining (WHATWG new URL(endpoint, url) = Python urljoin)', () => {
  it.each([
    ['http://h:5000', 'api/v1/lineage', 'http://h:5000/api/v1/lineage'],
    ['http://h:5000/', 'api/v1/lineage', 'http://h:5000/api/v1/lineage'],
    ['http://h:5000/base', 'api/v1/lineage', 'http://h:5000/api/v1/lineage'],
    ['http://h:5000/base/', 'api/v1/lineage', 'http://h:5000/base/api/v1/lineage'],
    ['http://h:5000/base/', '/api/v1/lineage', 'http://h:5000/api/v1/lineage'],
    ['http://h:5000/a/b', '../lineage', 'http://h:5000/lineage'],
    ['http://h:5000/base/?x=1', 'events', 'http://h:5000/base/events'],
    ['http://h:5000/base', 'api/v1/lineage?tenant=a', 'http://h:5000/api/v1/lineage?tenant=a'],
    ['http://h:5000/base', 'https://other:9000/x', 'https://other:9000/x'],
    ['http://h:5000/base/', '', 'http://h:5000/base/'],
  ])('%s + %s → %s', (url, endpoint, expected) => {
    expect(joinEndpoint(url, endpoint).toString()).toBe(expected);
    expect(normalizeHttpConfig({ url, endpoint }).target).toBe(expected);
  });

  it('defaults the endpoint to api/v1/lineage', () => {
    expect(normalizeHttpConfig({ url: 'http://h:5000' }).target).toBe('http://h:5000/api/v1/lineage');
  });

  it('displayUrl drops user info', () => {
    expect(displayUrl('http://me:secret@h:1/p')).toBe('http://h:1/p');
  });
});
