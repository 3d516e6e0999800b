import zlib from 'node:zlib';
import { Partitioners } from './kafkajs.js';
import type { ICustomPartitioner } from './kafkajs.js';
import type { PartitionerName } from './config.js';

/**
 * librdkafka's default (`consistent_random`) is CRC-32 of the key modulo the partition count; the
 * Python client uses it, so keeping it here puts a run's events on the same partition whichever
 * client sent them. `murmur2*` selects kafkajs's Java-compatible partitioner.
 */
export function partitionerFor(name: PartitionerName): ICustomPartitioner {
  if (name === 'murmur2' || name === 'murmur2_random') return Partitioners.DefaultPartitioner;
  const fallback = Partitioners.DefaultPartitioner();
  return () => (args) => {
    const key = args.message.key;
    if (key === null || key === undefined) return fallback(args);
    const count = args.partitionMetadata.length;
    return count === 0 ? 0 : zlib.crc32(key) % count;
  };
}
