export { registerTransport, unregisterTransport, getRegisteredTransport, registeredTransportTypes, isTransportDescriptor } from './registry.js';
export { createTransport, normalizeTransportConfig, resolveTransportDescriptor } from './create.js';
export type { CreateTransportOptions } from './create.js';
export { WELL_KNOWN_PACKAGES, PYTHON_CLASS_PATHS, JAVA_CLASS_NAMES, canonicalTypeName } from './well-known.js';
export { resolveModule, importModule, splitSpecifier, isRelativeSpecifier, ModuleNotFound, type ModuleLookup, type ResolvedModule } from './load-module.js';
