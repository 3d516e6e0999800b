export { sourceCodeLocationProvider } from './facet.js';
