import { RUN_STATES, type LineageGraph } from '../model.js';
import { renderDetails, type DetailsContext } from './details.js';
import { h, s } from './dom.js';
import { layoutGraph } from './layout.js';
import { draw, textMeasurer } from './render.js';
import { Viewport } from './viewport.js';

declare global {
  interface Window {
    /** Milliseconds from navigation start until the graph was drawn (read by tests and the screenshot script). */
    olLineageRenderMs?: number;
  }
}

function legend(graph: LineageGraph): HTMLElement {
  const counts = new Map<string, number>();
  for (const j of graph.jobs) counts.set(j.state, (counts.get(j.state) ?? 0) + 1);
  const items = RUN_STATES.map((state) =>
    h(
      'li',
      { 'data-legend-state': state },
      h('span', { class: 'swatch', 'data-badge': state }),
      `${state === 'OTHER' ? 'other / no run' : state} `,
      h('span', { class: 'count' }, String(counts.get(state) ?? 0)),
    ),
  );
  return h(
    'div',
    { class: 'legend', role: 'note' },
    h('strong', null, 'Latest run of each job'),
    h('ul', null, ...items),
    h(
      'ul',
      null,
      h('li', null, h('span', { class: 'swatch dataset' }), 'dataset'),
      h('li', null, h('span', { class: 'swatch group' }), 'parent job and its children'),
    ),
  );
}

function main(): void {
  const data = document.getElementById('ol-lineage')?.textContent ?? '';
  const graph = JSON.parse(data) as LineageGraph;
  const svg = document.getElementById('graph') as unknown as SVGSVGElement;
  const panel = document.getElementById('details')!;
  const stage = document.getElementById('stage')!;
  stage.append(legend(graph));

  if (graph.jobs.length + graph.datasets.length === 0) {
    stage.append(h('p', { class: 'empty' }, 'These events name no job and no dataset.'));
    finish();
    return;
  }

  const names = new Map<string, { name: string; namespace: string }>();
  for (const n of [...graph.jobs, ...graph.datasets]) names.set(n.id, n);
  const measure = textMeasurer();
  performance.mark('ol-layout-start');
  const layout = layoutGraph(graph, (id) => {
    const n = names.get(id)!;
    return measure(id, n.name, n.namespace);
  });

  performance.measure('ol-layout', 'ol-layout-start');
  const defs = s('defs');
  const marker = s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
  marker.append(s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' }));
  defs.append(marker);
  const layer = s('g', { class: 'viewport' });
  svg.append(defs, layer);
  const drawn = draw(layer, graph, layout);
  const viewport = new Viewport(svg, layer, () => layout);
  viewport.fit();

  const ctx: DetailsContext = {
    graph,
    jobs: new Map(graph.jobs.map((j) => [j.id, j])),
    datasets: new Map(graph.datasets.map((d) => [d.id, d])),
    select: (id) => select(id, true),
  };
  let selected: string | undefined;
  const select = (id: string | undefined, focus: boolean): void => {
    if (selected !== undefined) drawn.nodes.get(selected)?.classList.remove('selected');
    for (const p of svg.querySelectorAll('.edge.related')) p.classList.remove('related');
    selected = id;
    renderDetails(panel, ctx, id, () => select(undefined, false));
    if (id === undefined) {
      // The panel closed: the stage is wider again.
      if (!viewport.touched) viewport.fit();
      return;
    }
    drawn.nodes.get(id)?.classList.add('selected');
    for (const e of graph.edges) if (e.from === id || e.to === id) drawn.edges.get(e.id)?.classList.add('related');
    const box = layout.groups.get(id) ?? layout.nodes.get(id);
    if (box) {
      if (focus) viewport.focus(box);
      else if (!viewport.touched) viewport.fit();
      else viewport.reveal(box);
    }
  };
  svg.addEventListener('click', (e) => {
    if (viewport.panning) return;
    const target = (e.target as Element).closest('[data-node-id]');
    select(target?.getAttribute('data-node-id') ?? undefined, false);
  });
  svg.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const target = (e.target as Element).closest('[data-node-id]');
    if (target) {
      e.preventDefault();
      select(target.getAttribute('data-node-id') ?? undefined, true);
    }
  });

  const search = document.getElementById('search') as HTMLInputElement;
  const status = document.getElementById('search-status')!;
  let matches: string[] = [];
  let current = -1;
  search.addEventListener('input', () => {
    const q = search.value.trim().toLowerCase();
    matches = q === '' ? [] : [...names].filter(([, n]) => `${n.namespace}/${n.name}`.toLowerCase().includes(q)).map(([id]) => id);
    current = -1;
    const hit = new Set(matches);
    svg.classList.toggle('searching', q !== '');
    for (const [id, el] of drawn.nodes) el.classList.toggle('match', hit.has(id));
    status.textContent = q === '' ? '' : `${matches.length} found`;
  });
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      search.value = '';
      search.dispatchEvent(new Event('input'));
    }
    if (e.key !== 'Enter' || matches.length === 0) return;
    current = (current + (e.shiftKey ? matches.length - 1 : 1)) % matches.length;
    status.textContent = `${current + 1} of ${matches.length}`;
    select(matches[current], true);
  });

  const button = (id: string, action: () => void) => document.getElementById(id)?.addEventListener('click', action);
  button('zoom-in', () => viewport.zoomBy(1.25));
  button('zoom-out', () => viewport.zoomBy(0.8));
  button('zoom-fit', () => viewport.fit());
  document.addEventListener('keydown', (e) => {
    if (e.target instanceof HTMLInputElement) return;
    if (e.key === '+' || e.key === '=') viewport.zoomBy(1.25);
    else if (e.key === '-') viewport.zoomBy(0.8);
    else if (e.key === '0') viewport.fit();
    else if (e.key === '/') {
      e.preventDefault();
      search.focus();
    } else if (e.key === 'Escape') select(undefined, false);
  });
  window.addEventListener('resize', () => {
    if (!viewport.touched) viewport.fit();
  });
  finish();
}

function finish(): void {
  window.olLineageRenderMs = Math.round(performance.now());
  document.body.setAttribute('data-rendered', 'true');
}

main();
