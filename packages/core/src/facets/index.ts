export * from './standard.js';
export * from './custom.js';
