/**
 * `@ol/core/internal`: what our own packages (transports, cli, integration, testing, tooling)
 * share with core but users should not build on. No compatibility promise: names here may change
 * in any release, and every package that imports them pins a matching @ol/core range.
 * Nothing here is also exported from the main entry; import public names from `@ol/core`.
 */

// Config reading: every transport option goes through OptionReader (spellings, coercion, provenance)
export { OptionReader, readerOf, codeScope, scopeAt, normalizeKey, camelCase, isPlainObject } from './config/options.js';
export { readClientSettings, EMPTY_CLIENT_SETTINGS } from './config/client-settings.js';
export type { ClientSettings, JobNameFilter, SourceCodeLocationSettings } from './config/client-settings.js';
export { configFileCandidates } from './config/resolve.js';
export { FORBIDDEN_KEYS } from './config/safe-keys.js';

// Transport registry and module loading
export { parseTransportConfig, parseWith, createWith, resolveTransportDescriptor } from './registry/create.js';
export type { ParsedTransportConfig } from './registry/create.js';
export { isTransportDescriptor } from './registry/registry.js';
export { WELL_KNOWN_PACKAGES, wellKnownPackage, canonicalTypeName } from './registry/well-known.js';
export { resolveModule, importModule, splitSpecifier, isRelativeSpecifier, ModuleNotFound } from './registry/load-module.js';
export type { ModuleLookup, ResolvedModule } from './registry/load-module.js';
export { consoleDescriptor, readName } from './transport/console.js';
export { warnUnknownOptions } from './transport/types.js';
export type { NamedConfig } from './transport/console.js';
export { noopDescriptor } from './transport/noop.js';
export { transportSnapshot, INSPECT } from './transport/snapshot.js';
export { objectName, objectMillis, putUnderFreeName, triedObjectNames, MAX_NAME_COLLISIONS } from './transport/object-names.js';
export { awsSetupHint, readAwsFailure } from './transport/aws-failure.js';
export type { AwsFailure } from './transport/aws-failure.js';
export { isTransientNetworkCode } from './transport/transient-network.js';
export { utf8Bytes } from './transport/utf8-slab.js';
export { withDeadline } from './transport/deadline.js';

// Client internals
export { describeJavaSections } from './client/extensions.js';
export type { JavaSectionsReport } from './client/extensions.js';
export { readAsyncTransportRules, routesAsync, defaultAsyncTransportRules } from './transport/async-rules.js';
export type { AsyncTransportRules } from './transport/async-rules.js';
export { enrichEvent, mergeTags, isFilteredOut, CLIENT_VERSION_TAG_KEY } from './client/enrich.js';
export type { Tag, EnrichContext } from './client/enrich.js';

// Model, facet and format helpers the builders and the CLI share
export { formatEventTime, RUN_EVENT_SCHEMA_URL, JOB_EVENT_SCHEMA_URL, DATASET_EVENT_SCHEMA_URL } from './model/builders.js';
export { standardFacet, isStandardFacetKey } from './facets/standard.js';
export { customFacetName, customFacetProblems } from './facets/custom.js';
export { isDateTime, isUri, isUuidFormat } from './validation/formats.js';
export { readGitInfo, stripCredentials, pullRequestNumber } from './git/repository.js';
export type { GitInfo } from './git/repository.js';

// Logging and redaction helpers
export { parseLogLevel, rateLimited } from './logger.js';
export { isSecretKey, scrub } from './redact.js';
