import { RUN_STATES } from './model.js';
import { DATASET_COLOURS, STATE_COLOURS } from './palette.js';

const stateRules = RUN_STATES.map((state) => {
  const c = STATE_COLOURS[state];
  return `[data-state="${state}"] > .node > .shape, .node[data-state="${state}"] > .shape { fill: ${c.fill}; stroke: ${c.stroke}; }
[data-state="${state}"] .dot { fill: ${c.stroke}; }
.group[data-state="${state}"] > .outline { stroke: ${c.stroke}; }
[data-badge="${state}"] { background: ${c.fill}; color: ${c.text}; border-color: ${c.stroke}; }`;
}).join('\n');

/** The page's whole stylesheet (inline: the page loads nothing). */
export const PAGE_CSS = `
:root { color-scheme: light; --fg: #0f172a; --muted: #64748b; --line: #e2e8f0; --bg: #f8fafc; --accent: #2563eb; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); display: flex; flex-direction: column; }
body > header { display: flex; align-items: center; gap: 16px; padding: 8px 14px; background: #fff; border-bottom: 1px solid var(--line); flex-wrap: wrap; }
body > header h1 { font-size: 15px; margin: 0; font-weight: 650; }
body > header .stats { color: var(--muted); }
.search { margin-left: auto; display: flex; align-items: center; gap: 8px; }
.search input { font: inherit; padding: 5px 9px; width: 260px; border: 1px solid #cbd5e1; border-radius: 6px; }
.search input:focus { outline: 2px solid var(--accent); outline-offset: -1px; }
#search-status { color: var(--muted); min-width: 5em; }
.zoom button { font: inherit; width: 28px; height: 28px; border: 1px solid #cbd5e1; background: #fff; border-radius: 6px; cursor: pointer; }
.zoom button:hover { background: #f1f5f9; }
main { flex: 1; display: flex; min-height: 0; }
#stage { position: relative; flex: 1; min-width: 0; }
#graph { width: 100%; height: 100%; display: block; cursor: grab; user-select: none; }
#graph.panning { cursor: grabbing; }
.node { cursor: pointer; }
.node .shape { stroke-width: 1.5; }
.node.dataset > .shape { fill: ${DATASET_COLOURS.fill}; stroke: ${DATASET_COLOURS.stroke}; }
.node.dataset .icon { stroke: ${DATASET_COLOURS.stroke}; stroke-width: 1.5; fill: none; opacity: .6; }
.node .name { font: 600 13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: var(--fg); }
.node .ns { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: var(--muted); }
.node:focus { outline: none; }
.node:focus-visible > .shape, .selected > .shape, .group.selected > .node > .shape { stroke-width: 3; }
.selected > .shape, .group.selected > .node > .shape { filter: drop-shadow(0 0 4px rgba(37, 99, 235, .55)); }
.group > .outline { fill: rgba(148, 163, 184, .08); stroke-width: 1.2; stroke-dasharray: 5 3; cursor: pointer; }
.group.selected > .outline { stroke-width: 2.5; stroke-dasharray: none; }
.edge { fill: none; stroke: #94a3b8; stroke-width: 1.3; }
.edge.related { stroke: var(--accent); stroke-width: 2.4; }
.arrowhead { fill: #94a3b8; }
#graph.searching .node, #graph.searching .group { opacity: .25; }
#graph.searching .match, #graph.searching .group.match > .node { opacity: 1; }
#graph.searching .match > .shape { stroke-width: 3; }
#graph.searching .edge { opacity: .2; }
${stateRules}
.legend { position: absolute; left: 12px; bottom: 12px; background: rgba(255,255,255,.94); border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; font-size: 12px; box-shadow: 0 1px 3px rgba(15,23,42,.08); }
.legend ul { list-style: none; margin: 4px 0 0; padding: 0; display: grid; grid-template-columns: repeat(3, auto); gap: 2px 14px; }
.legend .count { color: var(--muted); }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; border: 1.5px solid; vertical-align: -2px; margin-right: 5px; }
.swatch.dataset { background: ${DATASET_COLOURS.fill}; border-color: ${DATASET_COLOURS.stroke}; border-radius: 50% / 30%; }
.swatch.group { border-style: dashed; border-color: #64748b; background: rgba(148,163,184,.08); }
.empty { position: absolute; top: 40%; width: 100%; text-align: center; color: var(--muted); font-size: 15px; }
#details { width: min(460px, 42vw); overflow: auto; background: #fff; border-left: 1px solid var(--line); padding: 0 16px 16px; }
#details > header { position: sticky; top: 0; background: #fff; padding: 12px 28px 8px 0; border-bottom: 1px solid var(--line); }
#details h2 { font-size: 15px; margin: 0; word-break: break-all; }
#details .namespace { margin: 2px 0 0; color: var(--muted); word-break: break-all; }
#details .close { position: absolute; right: 0; top: 8px; border: none; background: none; font-size: 22px; cursor: pointer; color: var(--muted); }
#details h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 16px 0 6px; }
#details .kind { margin: 10px 0 0; color: var(--muted); }
#details ul.links { margin: 0; padding-left: 18px; }
#details a { color: var(--accent); text-decoration: none; overflow-wrap: anywhere; }
#details a:hover { text-decoration: underline; }
#details .unknown { color: var(--muted); word-break: break-all; }
#details .muted { color: var(--muted); }
.table-wrap { overflow-x: auto; }
#details table { border-collapse: collapse; width: 100%; font-size: 12px; }
#details th { text-align: left; font-weight: 600; color: var(--muted); border-bottom: 1px solid var(--line); padding: 3px 6px; }
#details td { border-bottom: 1px solid #f1f5f9; padding: 3px 6px; vertical-align: top; }
#details td.run-id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 11px; color: var(--muted); }
#details .field { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
#details td.error, #details pre.error { color: #b91c1c; }
#details pre { background: #f8fafc; border: 1px solid var(--line); border-radius: 6px; padding: 8px; overflow: auto; max-height: 320px; font-size: 11.5px; margin: 4px 0; white-space: pre-wrap; word-break: break-word; }
#details details.facet summary { cursor: pointer; padding: 2px 0; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
.badge { display: inline-block; padding: 0 7px; border: 1px solid; border-radius: 10px; font-size: 11px; font-weight: 600; }
`;
