import { eventKind, type OpenLineageEvent, type OptionScope, type RunEvent } from '@ol/core';
import { codeScope, OptionReader } from '@ol/core/internal';
import type { EventTransformer } from './transformer.js';

/**
 * The Python client's built-in transformer: sets `job.namespace` on run and job events and,
 * unless `include_parent_facet` is false, the parent's and the root's job namespace in the
 * parent run facet. Dataset events pass through unchanged; run ids and names are never touched.
 */
export class JobNamespaceReplaceTransformer implements EventTransformer {
  readonly properties: Record<string, unknown>;
  readonly newJobNamespace: string;
  readonly includeParentFacet: boolean;

  constructor(properties: Record<string, unknown> = {}, scope: OptionScope = codeScope(['transport', 'transformer_properties'])) {
    this.properties = properties;
    const r = new OptionReader(properties, scope);
    this.newJobNamespace = r.string('new_job_namespace', { required: true });
    this.includeParentFacet = r.boolean('include_parent_facet', { default: true });
  }

  transform(event: OpenLineageEvent): OpenLineageEvent {
    const kind = eventKind(event);
    if (kind === 'DatasetEvent') return event;
    const withJob = event as { job?: { namespace?: string } };
    if (withJob.job) withJob.job.namespace = this.newJobNamespace;
    if (kind === 'RunEvent' && this.includeParentFacet) {
      const parent = (event as RunEvent).run.facets?.parent as { job?: { namespace?: string }; root?: { job?: { namespace?: string } } } | undefined;
      if (parent?.job) parent.job.namespace = this.newJobNamespace;
      if (parent?.root?.job) parent.root.job.namespace = this.newJobNamespace;
    }
    return event;
  }
}

/** Names that select the built-in: its class name and the Python class paths. */
export const JOB_NAMESPACE_REPLACE_NAMES: readonly string[] = [
  'JobNamespaceReplaceTransformer',
  'openlineage.client.transport.transform.JobNamespaceReplaceTransformer',
  'openlineage.client.transport.transform.transformers.JobNamespaceReplaceTransformer',
  'openlineage.client.transport.transform.transformers.job_namespace_replace_transformer.JobNamespaceReplaceTransformer',
];
