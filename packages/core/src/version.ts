/** This package's version; kept equal to package.json by scripts/sync-version.mjs at build. */
export const VERSION = '0.1.0';

/** Identifies this client in `producer` and `_producer` unless the caller sets another. */
export const DEFAULT_PRODUCER = `https://github.com/openlineage-ts/openlineage-ts/tree/v${VERSION}/packages/core`;
