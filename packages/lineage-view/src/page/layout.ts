import dagre from '@dagrejs/dagre';
import type { LineageGraph } from '../model.js';
import { structureOf } from '../structure.js';

export interface Box {
  /** Top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  /** Every job and dataset box; for a group this is the box of its own job's node inside it. */
  nodes: Map<string, Box>;
  /** Group outlines (jobs with children), drawn behind their members. */
  groups: Map<string, Box>;
  edges: Map<string, { x: number; y: number }[]>;
  width: number;
  height: number;
}

const GAP = 60;
const GROUP_INSET = 4;

/**
 * Lays the graph out left to right with dagre. Each connected component (edges and parent links)
 * is laid out on its own and the components are packed in rows: dagre's cost grows faster than the
 * graph, so many small layouts are much cheaper than one big one.
 */
export function layoutGraph(graph: LineageGraph, size: (id: string) => { width: number; height: number }): Layout {
  const s = structureOf(graph);
  const parentOf = new Map<string, string>();
  for (const [group, members] of s.members) for (const m of members) parentOf.set(m, group);
  // A dataset only read and written by the jobs of one group (an intermediate table of a pipeline) is
  // laid out inside that group: the group stays one block instead of a band split by its own tables.
  const neighbours = new Map<string, string[]>();
  for (const e of graph.edges) {
    const [d, j] = e.from.startsWith('dataset:') ? [e.from, e.to] : [e.to, e.from];
    neighbours.set(d, [...(neighbours.get(d) ?? []), j]);
  }
  for (const [d, jobs] of neighbours) {
    const group = parentOf.get(jobs[0]!);
    if (group !== undefined && jobs.length > 1 && jobs.every((j) => parentOf.get(j) === group)) parentOf.set(d, group);
  }

  const ids = [...graph.jobs.map((j) => j.id), ...graph.datasets.map((d) => d.id)];
  const root = new Map<string, string>(ids.map((id) => [id, id]));
  const find = (id: string): string => {
    let r = id;
    while (root.get(r) !== r) r = root.get(r)!;
    let c = id;
    while (c !== r) {
      const next = root.get(c)!;
      root.set(c, r);
      c = next;
    }
    return r;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) root.set(ra, rb);
  };
  for (const e of graph.edges) union(e.from, e.to);
  for (const [child, group] of parentOf) union(child, group);

  const components = new Map<string, string[]>();
  for (const id of ids) {
    const r = find(id);
    const list = components.get(r);
    if (list) list.push(id);
    else components.set(r, [id]);
  }
  const edgesByComponent = new Map<string, LineageGraph['edges']>();
  for (const e of graph.edges) {
    const r = find(e.from);
    const list = edgesByComponent.get(r);
    if (list) list.push(e);
    else edgesByComponent.set(r, [e]);
  }

  const parts = [...components].map(([r, members]) => {
    const edges = edgesByComponent.get(r) ?? [];
    try {
      return layoutComponent(members, edges, s.members, parentOf, size);
    } catch {
      // dagre can give up on some nested shapes: drawing this part without groups beats drawing nothing.
      return layoutComponent(members, edges, new Map(), new Map(), size);
    }
  });
  return pack(parts);
}

/** The node inside a group that stands for the group's own job (its header, and where its edges end). */
const selfNode = (group: string): string => `${group}\u0000self`;

function layoutComponent(
  members: string[],
  edges: LineageGraph['edges'],
  groups: Map<string, string[]>,
  parentOf: Map<string, string>,
  size: (id: string) => { width: number; height: number },
): Layout {
  const nested = members.some((m) => groups.has(m));
  const g = new dagre.graphlib.Graph({ compound: nested, multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 56, edgesep: 24, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const at = (id: string) => (groups.has(id) ? selfNode(id) : id);
  for (const id of members) {
    if (groups.has(id)) {
      g.setNode(id, { width: 0, height: 0 });
      g.setNode(selfNode(id), size(id));
      g.setParent(selfNode(id), id);
    } else {
      g.setNode(id, size(id));
    }
  }
  if (nested) for (const id of members) if (parentOf.has(id)) g.setParent(id, parentOf.get(id));
  for (const e of edges) g.setEdge(at(e.from), at(e.to));
  // Unseen edges from a group's own job to the members nothing else in the group leads to keep that
  // job's box at the group's left, like a heading (one edge per member would cost dagre a dummy node per rank).
  const producers = new Map<string, string[]>();
  for (const e of edges) producers.set(e.to, [...(producers.get(e.to) ?? []), e.from]);
  for (const id of members) {
    const inside = groups.get(id);
    if (!inside) continue;
    const set = new Set(inside);
    const fedFromInside = (m: string) => (producers.get(m) ?? []).some((d) => set.has(d) || (producers.get(d) ?? []).some((p) => set.has(p)));
    for (const m of inside) if (!fedFromInside(m) && !g.hasEdge(selfNode(id), at(m))) g.setEdge(selfNode(id), at(m), { weight: 0, minlen: 1 });
  }
  dagre.layout(g);

  const out: Layout = { nodes: new Map(), groups: new Map(), edges: new Map(), width: 0, height: 0 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const box = (id: string, pad: number): Box => {
    const n = g.node(id) as { x: number; y: number; width: number; height: number };
    const b = { x: n.x - n.width / 2 - pad, y: n.y - n.height / 2 - pad, width: n.width + 2 * pad, height: n.height + 2 * pad };
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + b.width);
    maxY = Math.max(maxY, b.y + b.height);
    return b;
  };
  for (const id of members) {
    if (groups.has(id)) {
      // Drawn a little inside dagre's cluster bounds, which nodes just outside may touch.
      out.groups.set(id, box(id, -GROUP_INSET));
      out.nodes.set(id, box(selfNode(id), 0));
    } else {
      out.nodes.set(id, box(id, 0));
    }
  }
  for (const e of edges) {
    const points = (g.edge(at(e.from), at(e.to)) as { points?: { x: number; y: number }[] } | undefined)?.points ?? [];
    out.edges.set(e.id, points);
  }
  shift(out, -minX, -minY);
  out.width = maxX - minX;
  out.height = maxY - minY;
  return out;
}

function shift(l: Layout, dx: number, dy: number): void {
  for (const b of [...l.nodes.values(), ...l.groups.values()]) {
    b.x += dx;
    b.y += dy;
  }
  for (const points of l.edges.values()) {
    for (const p of points) {
      p.x += dx;
      p.y += dy;
    }
  }
}

/** Rows of components, biggest first, about as wide as the biggest one or a screen-shaped area. */
function pack(parts: Layout[]): Layout {
  parts.sort((a, b) => b.height * b.width - a.height * a.width);
  const area = parts.reduce((sum, p) => sum + (p.width + GAP) * (p.height + GAP), 0);
  const rowWidth = Math.max(parts[0]?.width ?? 0, Math.sqrt(area * 1.8));
  const out: Layout = { nodes: new Map(), groups: new Map(), edges: new Map(), width: 0, height: 0 };
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const p of parts) {
    if (x > 0 && x + p.width > rowWidth) {
      x = 0;
      y += rowHeight + GAP;
      rowHeight = 0;
    }
    shift(p, x, y);
    for (const [k, v] of p.nodes) out.nodes.set(k, v);
    for (const [k, v] of p.groups) out.groups.set(k, v);
    for (const [k, v] of p.edges) out.edges.set(k, v);
    out.width = Math.max(out.width, x + p.width);
    out.height = Math.max(out.height, y + p.height);
    x += p.width + GAP;
    rowHeight = Math.max(rowHeight, p.height);
  }
  return out;
}
