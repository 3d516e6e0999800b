import { describe, expect, it } from 'vitest';
import { buildLineageGraph } from './build-graph.js';
import { toDot } from './dot.js';
import { toMermaid } from './mermaid.js';
import { toMermaid as lightToMermaid } from './mermaid-entry.js';
import { ev, knownEvents, parentFacet } from './test-events.js';

const pipeline = () => knownEvents().slice(0, 9);

describe('toMermaid', () => {
  it('draws parents as subgraphs, jobs with their state, datasets as cylinders, and colour classes', () => {
    expect(toMermaid(pipeline())).toBe(`flowchart LR
  subgraph j0 ["shop/nightly (FAIL)"]
    j1(["shop/nightly.extract (COMPLETE)"]):::complete
    j2(["shop/nightly.aggregate (COMPLETE)"]):::complete
    j3(["shop/nightly.publish (FAIL)"]):::fail
  end
  class j0 fail
  d0[("postgres://db:5432/shop.public.orders")]:::dataset
  d1[("s3://lake/raw/orders")]:::dataset
  d2[("snowflake://acme/ANALYTICS.PUBLIC.ORDER_TOTALS")]:::dataset
  d3[("s3://lake/reports/daily.csv")]:::dataset
  d0 --> j1
  j1 --> d1
  d1 --> j2
  j2 --> d2
  d2 --> j3
  j3 --> d3
  classDef complete fill:#dcfce7,stroke:#16a34a,color:#14532d
  classDef fail fill:#fee2e2,stroke:#dc2626,color:#7f1d1d
  classDef dataset fill:#f5f3ff,stroke:#7c3aed,color:#2e1065
`);
  });

  it('leaves the colours out with styles: false, and the light entry point gives the same text', () => {
    const bare = toMermaid(pipeline(), { styles: false });
    expect(bare).not.toMatch(/classDef|:::|\bclass /);
    expect(bare.trimEnd().split('\n')).toHaveLength(16);
    expect(lightToMermaid(buildLineageGraph(pipeline()))).toBe(toMermaid(pipeline()));
  });

  it('writes quotes, #, markup and backticks in names as entity codes', () => {
    const text = toMermaid([ev('START', '2024-01-01T00:00:00Z', 'r', 'a "b" #1; <i>&`x`', { namespace: 'n' })], { styles: false });
    expect(text).toContain('j0(["n/a #34;b#34; #35;1; #60;i#62;#38;#96;x#96; (START)"])');
  });

  it('nests subgraphs for grandchildren and lets a parent with its own edges be an edge end', () => {
    const text = toMermaid(
      [
        ev('START', '2024-01-01T00:00:00Z', 'r1', 'dag', { outputs: [{ namespace: 'n', name: 'out' }] }),
        ev('START', '2024-01-01T00:00:01Z', 'r2', 'dag.task', { runFacets: parentFacet('r1', 'dag') }),
        ev('START', '2024-01-01T00:00:02Z', 'r3', 'dag.task.step', { runFacets: parentFacet('r2', 'dag.task') }),
      ],
      { styles: false },
    );
    expect(text).toBe(`flowchart LR
  subgraph j0 ["shop/dag (START)"]
    subgraph j1 ["shop/dag.task (START)"]
      j2(["shop/dag.task.step (START)"])
    end
  end
  d0[("n/out")]
  j0 --> d0
`);
  });
});

describe('toDot', () => {
  it('uses the graph ids, clusters for parents, and escapes quotes and backslashes', () => {
    const dot = toDot(pipeline());
    expect(dot.split('\n').slice(0, 6)).toEqual([
      'digraph lineage {',
      '  graph [rankdir=LR, fontname="Helvetica", fontsize=11, nodesep=0.25, ranksep=0.6];',
      '  node [fontname="Helvetica", fontsize=10, style="rounded,filled", shape=box];',
      '  edge [color="#64748b", arrowsize=0.7];',
      '  subgraph "cluster_job:shop/nightly" {',
      '    label="shop/nightly (FAIL)"; style="rounded,filled"; fillcolor="#fee2e2"; color="#dc2626"; fontcolor="#7f1d1d";',
    ]);
    expect(dot).toContain('    "job:shop/nightly.publish" [label="shop/nightly.publish (FAIL)", fillcolor="#fee2e2", color="#dc2626", fontcolor="#7f1d1d"];');
    expect(dot).toContain('  "dataset:s3://lake/raw/orders" -> "job:shop/nightly.aggregate";');
    // The parent has no edges of its own: it is only a cluster, not a node.
    expect(dot).not.toContain('  "job:shop/nightly" [');
    const odd = toDot([ev('START', '2024-01-01T00:00:00Z', 'r', 'say "hi"\\n', { namespace: 'n' })]);
    expect(odd).toContain('"job:n/say \\"hi\\"\\\\n" [label="n/say \\"hi\\"\\\\n (START)"');
  });

  it('gives a parent with its own edges a node inside its cluster', () => {
    const dot = toDot([
      ev('START', '2024-01-01T00:00:00Z', 'r1', 'dag', { outputs: [{ namespace: 'n', name: 'out' }] }),
      ev('START', '2024-01-01T00:00:01Z', 'r2', 'dag.task', { runFacets: parentFacet('r1', 'dag') }),
    ]);
    expect(dot).toContain('  subgraph "cluster_job:shop/dag" {');
    expect(dot).toContain('    "job:shop/dag" [label="shop/dag (START)"');
    expect(dot).toContain('  "job:shop/dag" -> "dataset:n/out";');
  });
});

describe('@ol/lineage-view/mermaid', () => {
  it('does not load the page or its bundled layout library', async () => {
    const { readFile } = await import('node:fs/promises');
    const seen = new Set<string>();
    const visit = async (file: string): Promise<void> => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = await readFile(new URL(file, import.meta.url), 'utf8');
      for (const m of text.matchAll(/from '\.\/([\w/-]+)\.js'/g)) await visit(`./${m[1]!}.ts`);
    };
    await visit('./mermaid-entry.ts');
    expect([...seen].sort()).toEqual(['./build-graph.ts', './mermaid-entry.ts', './mermaid.ts', './model.ts', './palette.ts', './structure.ts']);
  });
});
