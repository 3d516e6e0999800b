export { buildLineageGraph, toGraph } from './build-graph.js';
export { renderHtml, type HtmlOptions } from './html.js';
export { toMermaid, type MermaidOptions } from './mermaid.js';
export { toDot } from './dot.js';
export { STATE_COLOURS, DATASET_COLOURS } from './palette.js';
export * from './model.js';
