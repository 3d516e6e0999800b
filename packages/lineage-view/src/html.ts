import { toGraph } from './build-graph.js';
import { PAGE_SCRIPT } from './generated/page-script.js';
import type { LineageGraph } from './model.js';
import { PAGE_CSS } from './page-css.js';

export interface HtmlOptions {
  /** The page title and heading (default `OpenLineage lineage`). */
  title?: string;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON inside <script>: `<` escaped so no name or facet can close the element, U+2028/9 for old parsers. */
const scriptJson = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

// No network at all: the policy forbids every fetch, so even a URL inside a facet cannot be loaded.
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * One self-contained HTML page showing the lineage graph of `input` (events or a graph from
 * `buildLineageGraph`): inline script (the layout library included) and styles, no request of any
 * kind, so it works offline from `file://`.
 */
export function renderHtml(input: LineageGraph | Iterable<unknown>, options: HtmlOptions = {}): string {
  const graph = toGraph(input);
  const title = options.title ?? 'OpenLineage lineage';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const stats = [
    plural(graph.events, 'event'),
    plural(graph.jobs.length, 'job'),
    plural(graph.datasets.length, 'dataset'),
    plural(graph.edges.length, 'edge'),
  ].join(' · ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="@ol/lineage-view">
<title>${escapeHtml(title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<span class="stats">${stats}</span>
<div class="search"><input id="search" type="search" placeholder="Search jobs and datasets  ( / )" aria-label="search by name" autocomplete="off"><span id="search-status" aria-live="polite"></span></div>
<div class="zoom"><button id="zoom-out" type="button" title="zoom out (-)">−</button> <button id="zoom-fit" type="button" title="fit (0)">⤢</button> <button id="zoom-in" type="button" title="zoom in (+)">+</button></div>
</header>
<main>
<div id="stage"><svg id="graph" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="lineage graph"></svg></div>
<aside id="details" hidden aria-live="polite"></aside>
</main>
<script type="application/json" id="ol-lineage">${scriptJson(graph)}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
