import { fileURLToPath } from 'node:url';
import type { OptionScope } from '@ol/core';
import { codeScope, OptionReader } from '@ol/core/internal';

/** Normalized `file` transport config (camelCase, defaults filled in). */
export interface FileTransportConfig {
  /** Local path: the JSON Lines file when `append`, else the prefix of one file per event. */
  logFilePath: string;
  append: boolean;
  debugMode: boolean;
}

export const FILE_OPTION_KEYS = ['type', 'log_file_path', 'append', 'debug_mode'] as const;

/** Reads the Python client's `file` options in any spelling (`log_file_path`, `logFilePath`, env forms). */
export function readFileConfig(raw: unknown, scope: OptionScope = codeScope(['transport'])): FileTransportConfig {
  const r = new OptionReader(raw, scope);
  const given = r.string('log_file_path', { required: true });
  return {
    logFilePath: toLocalPath(given, r),
    append: r.boolean('append', { default: false }),
    debugMode: r.boolean('debug_mode', { default: false }),
  };
}

/** `file://` URIs become local paths; other schemes (s3://, gs://) would need fsspec in Python and are refused here. */
function toLocalPath(value: string, r: OptionReader): string {
  if (/^file:/i.test(value)) {
    try {
      return fileURLToPath(value);
    } catch (cause) {
      throw r.error('log_file_path', `a valid file:// URI (${(cause as Error).message})`, value);
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw r.error('log_file_path', 'a local path or a file:// URI (remote filesystems are not supported)', value);
  }
  return value;
}
