// The light entry point (`@ol/lineage-view/mermaid`): the graph model and the Mermaid text, without
// the HTML page and its bundled layout library, for callers such as test helpers that only want text.
export { buildLineageGraph, toGraph } from './build-graph.js';
export { toMermaid, type MermaidOptions } from './mermaid.js';
export * from './model.js';
