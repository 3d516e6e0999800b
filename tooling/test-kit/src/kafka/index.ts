export { KafkaTestBroker, API, API_VERSIONS } from './broker.js';
export { mskIamVerifier } from './msk-iam.js';
export type { AwsTestCredentials, MskIamVerifierOptions, TokenVerdict } from './msk-iam.js';
export type { KafkaTestBrokerOptions, StoredRecord, Compression, ProducedRecord, RecordHeader } from './broker.js';
export { kcatPath, runKcat, consumeWithKcat } from './kcat.js';
export type { KcatMessage } from './kcat.js';
