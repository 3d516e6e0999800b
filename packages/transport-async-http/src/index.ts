import { descriptor } from './descriptor.js';

export { descriptor };
export default descriptor;

export { AsyncHttpTransport, createAsyncHttpTransport, type AsyncHttpTransportDeps, type ErrorListener } from './transport.js';
export {
  ASYNC_HTTP_DEFAULTS,
  ASYNC_HTTP_OPTION_KEYS,
  normalizeAsyncHttpConfig,
  readAsyncHttpOptions,
  type AsyncHttpTransportConfig,
  type AsyncHttpTransportOptions,
} from './config.js';
