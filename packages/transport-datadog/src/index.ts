import { descriptor } from './descriptor.js';

export { descriptor, createDatadogTransport, PYTHON_CLASS_PATH } from './descriptor.js';
export type { CreateDatadogTransportOptions } from './descriptor.js';
export { DatadogTransport, TRANSPORT_TYPE } from './transport.js';
export type { DatadogTransportDeps } from './transport.js';
export { parseDatadogConfig, DATADOG_SITES, DATADOG_DEFAULTS } from './config.js';
export type { DatadogTransportConfig, DatadogTransportOptions, DatadogParseContext } from './config.js';

export default descriptor;
