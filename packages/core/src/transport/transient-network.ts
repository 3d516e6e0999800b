/** Node and undici error codes of network failures that trying again later may get past. */
const TRANSIENT_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Whether a network error with this `code` is worth trying again later (the cloud transports' errors say so). */
export function isTransientNetworkCode(code: string | undefined): boolean {
  return code !== undefined && TRANSIENT_NETWORK_CODES.has(code);
}
