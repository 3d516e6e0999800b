export { ConsoleTransport, createConsoleTransport, consoleDescriptor } from './console.js';
export type { ConsoleTransportOptions } from './console.js';
export { NoopTransport, createNoopTransport, noopDescriptor } from './noop.js';
