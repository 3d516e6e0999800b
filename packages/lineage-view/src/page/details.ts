import type { DatasetNode, Facets, InputFieldRef, JobNode, LineageGraph, RunInfo, SchemaField } from '../model.js';
import { h } from './dom.js';

const MAX_RUNS = 50;

export interface DetailsContext {
  graph: LineageGraph;
  jobs: Map<string, JobNode>;
  datasets: Map<string, DatasetNode>;
  /** Selects another node (links in the panel). */
  select(id: string): void;
}

function duration(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 1000) return `${ms} ms`;
  const sec = ms / 1000;
  if (sec < 120) return `${sec.toFixed(sec < 10 ? 2 : 1)} s`;
  const min = Math.floor(sec / 60);
  if (min < 120) return `${min} min ${Math.round(sec % 60)} s`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}

function link(ctx: DetailsContext, id: string, text: string): HTMLElement {
  const known = ctx.jobs.has(id) || ctx.datasets.has(id);
  if (!known) return h('span', { class: 'unknown', title: 'not in these events' }, text);
  const a = h('a', { href: '#', 'data-target': id }, text);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    ctx.select(id);
  });
  return a;
}

function section(title: string, ...body: (Node | string | null | false)[]): HTMLElement {
  return h('section', null, h('h3', null, title), ...body);
}

function facetList(title: string, facets: Facets | undefined): HTMLElement | null {
  const keys = Object.keys(facets ?? {});
  if (keys.length === 0) return null;
  return section(
    title,
    ...keys.sort().map((k) => h('details', { class: 'facet' }, h('summary', null, k), h('pre', null, JSON.stringify(facets![k], null, 2)))),
  );
}

function nodeList(ctx: DetailsContext, title: string, ids: string[]): HTMLElement | null {
  if (ids.length === 0) return null;
  return section(title, h('ul', { class: 'links' }, ...ids.map((id) => h('li', null, link(ctx, id, id.replace(/^(job|dataset):/, ''))))));
}

function runsTable(runs: RunInfo[]): HTMLElement {
  const rows = runs
    .slice(0, MAX_RUNS)
    .map((r) =>
      h(
        'tr',
        { 'data-run-state': r.state },
        h('td', null, h('span', { class: 'badge', 'data-badge': r.state }, r.state)),
        h('td', null, r.startTime ?? ''),
        h('td', null, duration(r.durationMs)),
        h('td', { class: 'run-id' }, r.runId),
        h('td', { class: 'error' }, r.errorMessage ?? ''),
      ),
    );
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'runs' },
      h('thead', null, h('tr', null, ...['state', 'started', 'duration', 'run id', 'error'].map((t) => h('th', null, t)))),
      h('tbody', null, ...rows),
    ),
    runs.length > MAX_RUNS ? h('p', { class: 'muted' }, `… and ${runs.length - MAX_RUNS} older runs`) : null,
  );
}

function jobDetails(ctx: DetailsContext, job: JobNode): HTMLElement[] {
  const inputs = ctx.graph.edges.filter((e) => e.to === job.id).map((e) => e.from);
  const outputs = ctx.graph.edges.filter((e) => e.from === job.id).map((e) => e.to);
  const latest = job.runs[0];
  const out: (HTMLElement | null)[] = [
    h('p', { class: 'kind' }, 'job ', h('span', { class: 'badge', 'data-badge': job.state }, job.runs.length > 0 ? job.state : 'no runs')),
    job.referencedOnly ? h('p', { class: 'muted' }, 'Known only from the parent run facet of its children; no events of its own.') : null,
    job.parent !== undefined ? section('Parent job', link(ctx, job.parent, job.parent.replace(/^job:/, ''))) : null,
    nodeList(ctx, 'Child jobs', job.children),
    nodeList(ctx, 'Inputs', inputs),
    nodeList(ctx, 'Outputs', outputs),
    latest?.errorMessage !== undefined ? section('Error of the latest run', h('pre', { class: 'error' }, latest.stackTrace ?? latest.errorMessage)) : null,
    job.runs.length > 0 ? section(`Runs (${job.runs.length}, newest first)`, runsTable(job.runs)) : null,
    facetList('Job facets', job.facets),
    facetList('Run facets of the latest run', latest?.facets),
  ];
  return out.filter((e): e is HTMLElement => e !== null);
}

function schemaRows(fields: SchemaField[], depth: number): HTMLElement[] {
  return fields.flatMap((f) => [
    h('tr', null, h('td', { style: `padding-left:${0.4 + depth * 1.1}em` }, f.name), h('td', null, f.type ?? ''), h('td', null, f.description ?? '')),
    ...schemaRows(f.fields ?? [], depth + 1),
  ]);
}

function transformations(ref: InputFieldRef): string {
  return ref.transformations
    .map((t) => [t.type, t.subtype].filter(Boolean).join('/') + (t.description ? ` (${t.description})` : '') + (t.masking ? ' masking' : ''))
    .join(', ');
}

function lineageTable(ctx: DetailsContext, d: DatasetNode): HTMLElement {
  const rows = d.columnLineage.flatMap((c) => {
    const deprecated = [c.transformationType, c.transformationDescription].filter(Boolean).join(': ');
    if (c.inputs.length === 0) return [h('tr', { 'data-column': c.field }, h('td', null, c.field), h('td', null, '—'), h('td', null, deprecated))];
    return c.inputs.map((ref, i) =>
      h(
        'tr',
        { 'data-column': c.field },
        h('td', null, i === 0 ? c.field : ''),
        h('td', null, link(ctx, ref.dataset, `${ref.namespace}/${ref.name}`), h('span', { class: 'field' }, `.${ref.field}`)),
        h('td', { class: 'transformation' }, transformations(ref) || deprecated),
      ),
    );
  });
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'column-lineage' },
      h('thead', null, h('tr', null, h('th', null, 'column'), h('th', null, 'from'), h('th', null, 'transformation'))),
      h('tbody', null, ...rows),
    ),
  );
}

function datasetDetails(ctx: DetailsContext, d: DatasetNode): HTMLElement[] {
  const producers = ctx.graph.edges.filter((e) => e.to === d.id).map((e) => e.from);
  const consumers = ctx.graph.edges.filter((e) => e.from === d.id).map((e) => e.to);
  // Schema and column lineage have their own tables above.
  const otherFacets = Object.fromEntries(Object.entries(d.facets).filter(([k]) => k !== 'schema' && k !== 'columnLineage'));
  const out: (HTMLElement | null)[] = [
    h('p', { class: 'kind' }, 'dataset'),
    nodeList(ctx, 'Written by', producers),
    nodeList(ctx, 'Read by', consumers),
    d.schema && d.schema.length > 0
      ? section(
          `Schema (${d.schema.length} fields)`,
          h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'schema' },
              h('thead', null, h('tr', null, h('th', null, 'name'), h('th', null, 'type'), h('th', null, 'description'))),
              h('tbody', null, ...schemaRows(d.schema, 0)),
            ),
          ),
        )
      : null,
    d.columnLineage.length > 0 ? section('Column lineage', lineageTable(ctx, d)) : null,
    d.datasetLineage.length > 0
      ? section(
          'Inputs affecting the whole dataset',
          h(
            'ul',
            { class: 'links' },
            ...d.datasetLineage.map((ref) => h('li', null, link(ctx, ref.dataset, `${ref.namespace}/${ref.name}.${ref.field}`), ` ${transformations(ref)}`)),
          ),
        )
      : null,
    facetList('Dataset facets', otherFacets),
    ...producers.map((p) => facetList(`Output facets from ${p.replace(/^job:/, '')}`, ctx.graph.edges.find((e) => e.from === p && e.to === d.id)?.facets)),
  ];
  return out.filter((e): e is HTMLElement => e !== null);
}

export function renderDetails(panel: HTMLElement, ctx: DetailsContext, id: string | undefined, close: () => void): void {
  panel.replaceChildren();
  const job = id === undefined ? undefined : ctx.jobs.get(id);
  const dataset = id === undefined ? undefined : ctx.datasets.get(id);
  if (!job && !dataset) {
    panel.hidden = true;
    return;
  }
  const node = (job ?? dataset)!;
  const closeButton = h('button', { class: 'close', type: 'button', 'aria-label': 'close details' }, '×');
  closeButton.addEventListener('click', close);
  panel.append(
    h('header', null, h('h2', null, node.name), h('p', { class: 'namespace' }, node.namespace), closeButton),
    ...(job ? jobDetails(ctx, job) : datasetDetails(ctx, dataset!)),
  );
  panel.setAttribute('data-details-for', node.id);
  panel.hidden = false;
  panel.scrollTop = 0;
}
