import { OpenLineageError } from '@ol/core';

/**
 * `parseSql` rejects with this only where openlineage-sql fails the whole call (an element with no
 * statement at all) or the arguments are not SQL text. Statements that fail to parse are reported
 * in `errors` instead.
 */
export class SqlParseError extends OpenLineageError {
  override name = 'SqlParseError';
  /** Position of the offending element in the input, when one element is to blame. */
  readonly index: number | undefined;

  constructor(message: string, index?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.index = index;
  }
}
