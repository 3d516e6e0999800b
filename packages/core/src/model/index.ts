export * from './event.js';
export * from './serialize.js';
export * from './builders.js';
