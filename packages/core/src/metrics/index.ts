export type { MetricsSink, MetricsDescriptor, MetricsContext, DropReason } from './sink.js';
