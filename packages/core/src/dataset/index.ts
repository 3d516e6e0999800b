/**
 * `@ol/core/dataset`: the Java client's `dataset` section as code — partition trimmers that shorten
 * dataset names, namespace resolvers, and the reducers that apply them to an event's datasets.
 */
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
