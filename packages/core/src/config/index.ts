export { resolveConfig, isDisabled, configFileCandidates, CONFIG_FILE_NAME } from './resolve.js';
export { readClientSettings, EMPTY_CLIENT_SETTINGS } from './client-settings.js';
export type { ClientSettings, JobNameFilter, SourceCodeLocationSettings } from './client-settings.js';
export { FORBIDDEN_KEYS } from './safe-keys.js';
