export { naming, type DatasetName, type NamingOptions } from './dataset-naming.js';
