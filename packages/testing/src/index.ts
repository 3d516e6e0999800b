export { MemoryTransport, memoryTransport, descriptor } from './memory-transport.js';
export { descriptor as default } from './memory-transport.js';
export { expectEvents, eventKey } from './expect-events.js';
export { any, matching, isMatcher, type Matcher } from './matchers.js';
export { readEventsFile } from './read-events.js';
