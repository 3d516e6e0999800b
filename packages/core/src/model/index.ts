export * from './event.js';
export * from './serialize.js';
