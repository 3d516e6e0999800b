export * from './http-peer.js';
export * from './s3-peer.js';
export * from './gcs-peer.js';
export * from './kinesis-peer.js';
