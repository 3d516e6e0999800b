/**
 * Contract of the `gcs` transport:
 * - `emit` stores the event as one object and resolves once GCS has it (nothing is queued), or
 *   rejects with a GcsTransportError (GCS reason, HTTP status, `retryable`).
 * - Object names as Java's GcsTransport (see naming.ts); body is the event's JSON,
 *   `Content-Type: application/json`; one multipart upload per event (`resumable: false`: a
 *   resumable session would cost an extra round trip for a body of a few KB).
 * - Never overwrites: each upload carries `ifGenerationMatch=0` ("only if no live object has this
 *   name"). On 412 the next name `<millis>_1`, `<millis>_2`, … is tried. Java's get-then-create costs
 *   two requests and races.
 * - Retries of one name (5xx, 429, network) are the library's, safe because the precondition makes
 *   the upload idempotent. The CRC32C the library computes is checked against what GCS stored.
 * - `flush`/`close` mean what they mean for every transport here (@ol/delivery's FlushTracker):
 *   true when everything emitted before was stored; later emits reject.
 */
import { Storage } from '@google-cloud/storage';
import type { StorageOptions } from '@google-cloud/storage';
import { FlushTracker } from '@ol/delivery';
import { type Logger, type OpenLineageEvent, redactWhenPrinted, silentLogger, toJSON, type Transport, TransportError, type TransportStats } from '@ol/core';
import { objectMillis, objectName, putUnderFreeName, triedObjectNames } from '@ol/core/internal';
import { TRANSPORT_TYPE } from './config.js';
import type { GcsTransportConfig } from './config.js';
import { GcsTransportError, toGcsTransportError } from './errors.js';

export interface GcsTransportRuntime {
  /** More `Storage` settings (e.g. `authClient`, `credentials`), applied last. Code only. */
  storageOptions?: StorageOptions;
  logger?: Logger;
  name?: string;
}

export class GcsTransport implements Transport {
  static {
    redactWhenPrinted(this);
  }

  readonly type = TRANSPORT_TYPE;
  readonly config: GcsTransportConfig;
  readonly name?: string;
  private readonly storage: Storage;
  private readonly logger: Logger;
  private readonly secrets: (string | undefined)[];
  private readonly flushes = new FlushTracker();
  private success = 0;
  private closing: Promise<boolean> | undefined;

  constructor(config: GcsTransportConfig, runtime: GcsTransportRuntime = {}) {
    this.config = config;
    if (runtime.name !== undefined) this.name = runtime.name;
    this.logger = runtime.logger ?? silentLogger;
    const inline = runtime.storageOptions?.credentials as { private_key?: string } | undefined;
    this.secrets = [inline?.private_key];
    this.storage = new Storage({
      ...(config.projectId !== undefined && { projectId: config.projectId }),
      ...(config.credentialsFile !== undefined && { keyFilename: config.credentialsFile }),
      ...(config.apiEndpoint !== undefined && { apiEndpoint: config.apiEndpoint, useAuthWithCustomEndpoint: config.useAuthWithCustomEndpoint }),
      // The library overwrites a per-call timeout with this one (Service.request_), so it is set here.
      timeout: Math.round(config.timeout * 1000),
      retryOptions: {
        autoRetry: config.maxRetries > 1,
        maxRetries: config.maxRetries - 1,
        // async-retry (under the library) refuses a cap below its fixed 1 s first pause.
        maxRetryDelay: Math.max(1, config.retryIntervalMillis / 1000),
        // The default total budget is 600 s: a lineage event must give up long before that.
        totalTimeout: Math.max(1, config.timeout * config.maxRetries + (config.retryIntervalMillis / 1000) * config.maxRetries),
      },
      ...runtime.storageOptions,
    });
  }

  emit(event: OpenLineageEvent): Promise<void> {
    if (this.closing) return Promise.reject(new TransportError('GCS transport is closed', { transport: TRANSPORT_TYPE, retryable: false }));
    const epoch = this.flushes.enter();
    const p = this.store(event);
    p.then(
      () => this.flushes.settle(epoch, true),
      () => this.flushes.settle(epoch, false),
    );
    return p;
  }

  private async store(event: OpenLineageEvent): Promise<void> {
    const millis = objectMillis(event, 'GCS', TRANSPORT_TYPE);
    const { bucketName: bucket, fileNamePrefix: prefix } = this.config;
    const body = Buffer.from(toJSON(event), 'utf8');
    const stored = await putUnderFreeName(prefix, millis, async (name) => {
      try {
        await this.storage
          .bucket(bucket)
          .file(name)
          .save(body, { resumable: false, contentType: 'application/json', preconditionOpts: { ifGenerationMatch: 0 } });
        return true;
      } catch (err) {
        const e = toGcsTransportError(err, bucket, name, this.secrets);
        if (e.status !== 412) throw e;
        return false;
      }
    });
    if (stored === undefined) {
      throw new GcsTransportError(`GCS objects ${triedObjectNames(prefix, millis)} all exist already`, {
        transport: TRANSPORT_TYPE,
        retryable: false,
        reason: 'conditionNotMet',
        bucket,
        objectName: objectName(prefix, millis),
      });
    }
    this.success++;
    this.logger.debug(`GCS stored gs://${bucket}/${stored}`);
  }

  /** True when every event emitted before the call was stored; false after a failure since the previous flush or at the timeout (see @ol/delivery). */
  flush(timeoutMs?: number): Promise<boolean> {
    return this.flushes.flush(timeoutMs);
  }

  /** Lets uploads under way finish (within the timeout); the library holds no connections to release. Idempotent. */
  close(timeoutMs?: number): Promise<boolean> {
    this.closing ??= this.flush(timeoutMs);
    return this.closing;
  }

  stats(): TransportStats {
    return { pending: this.flushes.outstanding, success: this.success, failed: 0, dropped: 0 };
  }
}
