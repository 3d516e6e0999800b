// The shared sample events, under the names these tests use.
export { testRunEvent as runEvent, testJobEvent as jobEvent, testDatasetEvent as datasetEvent } from '@ol/test-kit';
