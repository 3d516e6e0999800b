export { validateEvent, assertValidEvent, isValidEvent } from './validate.js';
export { isDateTime, isUri, isUuidFormat } from './formats.js';
