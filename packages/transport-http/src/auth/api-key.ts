import type { ManagedTokenProvider } from './types.js';

/** `auth: { type: api_key, apiKey }` → `Authorization: Bearer <apiKey>`. */
export class ApiKeyTokenProvider implements ManagedTokenProvider {
  readonly #apiKey: string;

  constructor(apiKey: string) {
    this.#apiKey = apiKey;
  }

  getBearer(): string {
    return `Bearer ${this.#apiKey}`;
  }

  secrets(): readonly string[] {
    return [this.#apiKey];
  }

  // Keeps the key out of console.log / util.inspect / JSON of the provider.
  toJSON(): Record<string, string> {
    return { type: 'api_key', apiKey: '***' };
  }
}
