import type { DatasetNode, JobNode, LineageGraph } from '../model.js';
import { s } from './dom.js';
import type { Box, Layout } from './layout.js';

const NAME_FONT = '600 13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const NS_FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const MAX_CHARS = 44;
export const NODE_HEIGHT = 44;
const PAD_LEFT = 30;
const PAD_RIGHT = 12;

/** Long names keep their start and end: both usually say more than the middle. */
export function shorten(text: string): string {
  if (text.length <= MAX_CHARS) return text;
  const keep = MAX_CHARS - 1;
  return `${text.slice(0, Math.ceil(keep / 2))}…${text.slice(text.length - Math.floor(keep / 2))}`;
}

export function textMeasurer(): (id: string, name: string, namespace: string) => { width: number; height: number } {
  const ctx = document.createElement('canvas').getContext('2d');
  const width = (font: string, text: string): number => {
    if (!ctx) return text.length * 7.5;
    ctx.font = font;
    return ctx.measureText(text).width;
  };
  return (_id, name, namespace) => ({
    width: Math.ceil(PAD_LEFT + PAD_RIGHT + Math.max(width(NAME_FONT, shorten(name)), width(NS_FONT, shorten(namespace)), 60)),
    height: NODE_HEIGHT,
  });
}

/** A smooth path through dagre's edge points (Catmull-Rom turned into cubic Béziers). */
function edgePath(points: { x: number; y: number }[]): string {
  if (points.length === 0) return '';
  const f = (n: number) => n.toFixed(1);
  let d = `M${f(points[0]!.x)},${f(points[0]!.y)}`;
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[Math.max(0, i - 1)]!;
    const p1 = points[i]!;
    const p2 = points[i + 1]!;
    const p3 = points[Math.min(points.length - 1, i + 2)]!;
    const c1 = { x: p1.x + (p2.x - p0.x) / 6, y: p1.y + (p2.y - p0.y) / 6 };
    const c2 = { x: p2.x - (p3.x - p1.x) / 6, y: p2.y - (p3.y - p1.y) / 6 };
    d += `C${f(c1.x)},${f(c1.y)} ${f(c2.x)},${f(c2.y)} ${f(p2.x)},${f(p2.y)}`;
  }
  return d;
}

function cylinder(w: number, h: number): string {
  const ry = 5;
  return `M0,${ry} A${w / 2},${ry} 0 0 1 ${w},${ry} V${h - ry} A${w / 2},${ry} 0 0 1 0,${h - ry} Z M0,${ry} A${w / 2},${ry} 0 0 0 ${w},${ry}`;
}

function label(g: SVGGElement, box: Box, name: string, namespace: string, icon: SVGElement): void {
  g.append(icon);
  const n = s('text', { x: PAD_LEFT - 4, y: 19, class: 'name' });
  n.textContent = shorten(name);
  const ns = s('text', { x: PAD_LEFT - 4, y: 34, class: 'ns' });
  ns.textContent = shorten(namespace);
  g.append(n, ns);
  const title = s('title');
  title.textContent = `${namespace}/${name}`;
  g.append(title);
  g.setAttribute('transform', `translate(${box.x.toFixed(1)},${box.y.toFixed(1)})`);
}

function jobShape(job: JobNode, box: Box): SVGGElement {
  const g = s('g', { class: 'node job', tabindex: 0, role: 'button' });
  g.append(s('rect', { class: 'shape', width: box.width, height: box.height, rx: 9 }));
  label(g, box, job.name, job.namespace, s('circle', { class: 'dot', cx: 14, cy: box.height / 2, r: 5 }));
  g.setAttribute('aria-label', `job ${job.namespace}/${job.name}, ${job.state}`);
  return g;
}

function datasetShape(d: DatasetNode, box: Box): SVGGElement {
  const g = s('g', { class: 'node dataset', tabindex: 0, role: 'button', 'data-node-id': d.id });
  g.append(s('path', { class: 'shape', d: cylinder(box.width, box.height) }));
  const icon = s('path', { class: 'icon', d: 'M9,17 h10 M9,22 h10 M9,27 h10', transform: 'translate(0,0)' });
  label(g, box, d.name, d.namespace, icon);
  g.setAttribute('aria-label', `dataset ${d.namespace}/${d.name}`);
  return g;
}

export interface Drawn {
  /** The element carrying each node id. */
  nodes: Map<string, SVGGElement>;
  edges: Map<string, SVGPathElement>;
}

/**
 * Draws groups (outlines), then edges, then nodes, so nodes sit on top. Only the element of
 * a job or dataset carries `data-node-id`; a group's outline and its own job's box share one element.
 */
export function draw(layer: SVGGElement, graph: LineageGraph, layout: Layout): Drawn {
  const drawn: Drawn = { nodes: new Map(), edges: new Map() };
  const groupLayer = s('g', { class: 'groups' });
  const edgeLayer = s('g', { class: 'edges' });
  const nodeLayer = s('g', { class: 'nodes' });
  layer.append(groupLayer, edgeLayer, nodeLayer);

  const depth = (j: JobNode, jobs: Map<string, JobNode>): number => {
    let d = 0;
    for (let p = j.parent; p !== undefined; p = jobs.get(p)?.parent) d++;
    return d;
  };
  const jobs = new Map(graph.jobs.map((j) => [j.id, j]));
  const groups = graph.jobs.filter((j) => layout.groups.has(j.id)).sort((a, b) => depth(a, jobs) - depth(b, jobs));
  for (const job of groups) {
    const outline = layout.groups.get(job.id)!;
    const g = s('g', { class: 'group', 'data-node-id': job.id, 'data-state': job.state });
    g.append(s('rect', { class: 'outline', x: outline.x, y: outline.y, width: outline.width, height: outline.height, rx: 12 }));
    const own = jobShape(job, layout.nodes.get(job.id)!);
    g.append(own);
    groupLayer.append(g);
    drawn.nodes.set(job.id, g);
  }
  const frag = document.createDocumentFragment();
  for (const e of graph.edges) {
    const path = s('path', { class: 'edge', d: edgePath(layout.edges.get(e.id) ?? []), 'data-edge': e.id, 'marker-end': 'url(#arrow)' });
    frag.append(path);
    drawn.edges.set(e.id, path);
  }
  edgeLayer.append(frag);
  const nodes = document.createDocumentFragment();
  for (const job of graph.jobs) {
    if (layout.groups.has(job.id)) continue;
    const g = jobShape(job, layout.nodes.get(job.id)!);
    g.setAttribute('data-node-id', job.id);
    g.setAttribute('data-state', job.state);
    nodes.append(g);
    drawn.nodes.set(job.id, g);
  }
  for (const d of graph.datasets) {
    const g = datasetShape(d, layout.nodes.get(d.id)!);
    nodes.append(g);
    drawn.nodes.set(d.id, g);
  }
  nodeLayer.append(nodes);
  return drawn;
}
