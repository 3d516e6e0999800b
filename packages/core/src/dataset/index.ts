export {
  DEFAULT_TRIMMERS,
  dateTrimmer,
  keyValueTrimmer,
  multiDirDateTrimmer,
  yearMonthTrimmer,
  trimDatasetName,
  isDatasetNameTrimmer,
  type DatasetNameTrimmer,
} from './trimmers.js';
export { reduceInputDatasets, reduceOutputDatasets, type ReduceOptions } from './reduce.js';
export {
  hostListResolver,
  patternResolver,
  patternGroupResolver,
  NamespaceResolvers,
  type NamespaceResolver,
  type HostListResolverOptions,
  type PatternResolverOptions,
  type PatternGroupResolverOptions,
} from './namespace-resolvers.js';
