import { describe, expect, it } from 'vitest';
import * as main from './index.js';
import * as internal from './internal.js';

describe('entry points', () => {
  it('the main entry exports a deliberate list of at most 60 runtime names', () => {
    const names = Object.keys(main).sort();
    expect(names.length).toBeLessThanOrEqual(60);
    // A name added to or removed from the public surface shows up here, in review.
    expect(names).toMatchInlineSnapshot(`
      [
        "CONFIG_FILE_NAME",
        "ConfigError",
        "ConsoleTransport",
        "DEFAULT_PRODUCER",
        "EVENT_TYPES",
        "NoopTransport",
        "OpenLineageClient",
        "OpenLineageError",
        "REDACTED",
        "RunHandle",
        "SPEC_URL",
        "SPEC_VERSION",
        "STANDARD_FACETS",
        "STANDARD_FACET_KEYS",
        "TransportError",
        "VERSION",
        "ValidationError",
        "assertValidEvent",
        "createConsoleTransport",
        "createDataset",
        "createInputDataset",
        "createJob",
        "createLogger",
        "createNoopTransport",
        "createOutputDataset",
        "createRun",
        "createStandardFacetBuilders",
        "createTransport",
        "datasetEvent",
        "defaultLogger",
        "defineFacet",
        "eventKind",
        "facets",
        "getRegisteredTransport",
        "isDatasetEvent",
        "isDisabled",
        "isJobEvent",
        "isRunEvent",
        "isUuid",
        "isValidEvent",
        "jobEvent",
        "looksLikeEvent",
        "naming",
        "newRunId",
        "redact",
        "redactWhenPrinted",
        "registerTransport",
        "registeredTransportTypes",
        "resolveConfig",
        "runEvent",
        "silentLogger",
        "sourceCodeLocationFacet",
        "sourceCodeLocationProvider",
        "staticRunId",
        "toJSON",
        "unregisterTransport",
        "validateEvent",
      ]
    `);
  });

  it('no name is exported from both entries: internal holds only what the main entry does not', () => {
    const shared = Object.keys(internal).filter((name) => Object.hasOwn(main, name));
    expect(shared).toEqual([]);
  });

  it('the internal entry keeps what our packages build on', () => {
    for (const name of ['OptionReader', 'codeScope', 'isPlainObject', 'rateLimited', 'enrichEvent', 'resolveModule', 'parseTransportConfig']) {
      expect(internal).toHaveProperty(name);
      expect(main).not.toHaveProperty(name);
    }
  });
});
