export { newRunId, staticRunId, isUuid } from './uuid7.js';
