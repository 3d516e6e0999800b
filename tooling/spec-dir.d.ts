export declare const SPEC_DIR_CANDIDATES: readonly string[];
/** The directory holding OpenLineage.json, facets/ and tests/ of the official spec; throws naming where it looked. */
export declare function specDir(): string;
