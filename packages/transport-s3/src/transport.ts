/**
 * Contract of the `s3` transport:
 * - `emit` stores the event as one object and resolves once S3 has it (nothing is queued), or
 *   rejects with an S3TransportError (S3 error code, request ids, `retryable`).
 * - Object name as Java's S3Transport: `<prefix>_<eventTime millis>.json` (see naming.ts); body is
 *   the event's JSON, `Content-Type: application/json`.
 * - Never overwrites: each PUT carries `If-None-Match: *`. When S3 answers 412 (the name is taken,
 *   e.g. two events in the same millisecond) or 409 (a concurrent conditional write to that name),
 *   the next name `<millis>_1`, `<millis>_2`, … is tried. The common case stays one request; Java's
 *   HEAD-then-PUT costs two and still lets two writers race.
 * - `flush`/`close` mean what they mean for every transport here (@ol/delivery's FlushTracker):
 *   true when everything emitted before was stored; `close` then destroys the SDK client; later
 *   emits reject. `stats().failed` stays 0: failures reject their emit and the client counts them.
 */
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { FlushTracker } from '@ol/delivery';
import { type Logger, type OpenLineageEvent, redactWhenPrinted, silentLogger, toJSON, type Transport, TransportError, type TransportStats } from '@ol/core';
import { objectMillis, objectName, putUnderFreeName, triedObjectNames } from '@ol/core/internal';
import { TRANSPORT_TYPE } from './config.js';
import type { S3TransportConfig } from './config.js';
import { S3TransportError, toS3TransportError } from './errors.js';

export interface S3TransportRuntime {
  /** Static credentials or a provider; absent: the AWS SDK's default chain. Code only, never config. */
  credentials?: S3ClientConfig['credentials'];
  /** Extra S3Client settings (e.g. `requestHandler` with a proxy agent); applied last. Code only. */
  clientConfig?: S3ClientConfig;
  logger?: Logger;
  name?: string;
  /** Environment the config came from: its AWS secrets are scrubbed from error messages too. */
  env?: Record<string, string | undefined>;
}

export class S3Transport implements Transport {
  static {
    redactWhenPrinted(this);
  }

  readonly type = TRANSPORT_TYPE;
  readonly config: S3TransportConfig;
  readonly name?: string;
  private readonly client: S3Client;
  private readonly logger: Logger;
  private readonly secrets: (string | undefined)[];
  private readonly flushes = new FlushTracker();
  private success = 0;
  private closing: Promise<boolean> | undefined;

  constructor(config: S3TransportConfig, runtime: S3TransportRuntime = {}) {
    this.config = config;
    if (runtime.name !== undefined) this.name = runtime.name;
    this.logger = runtime.logger ?? silentLogger;
    const creds = runtime.credentials;
    const env = runtime.env ?? {};
    this.secrets = [
      ...(typeof creds === 'object' ? [creds.secretAccessKey, creds.sessionToken] : []),
      env.AWS_SECRET_ACCESS_KEY,
      env.AWS_SESSION_TOKEN,
      process.env.AWS_SECRET_ACCESS_KEY,
      process.env.AWS_SESSION_TOKEN,
    ];
    const timeoutMs = Math.round(config.timeout * 1000);
    this.client = new S3Client({
      ...(config.endpoint !== undefined && { endpoint: config.endpoint }),
      ...(config.region !== undefined && { region: config.region }),
      ...(creds !== undefined && { credentials: creds }),
      forcePathStyle: config.forcePathStyle,
      maxAttempts: config.maxAttempts,
      // Without throwOnRequestTimeout the SDK only warns and keeps waiting on a hung peer.
      requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs, throwOnRequestTimeout: true },
      ...runtime.clientConfig,
    });
  }

  emit(event: OpenLineageEvent): Promise<void> {
    if (this.closing) return Promise.reject(new TransportError('S3 transport is closed', { transport: TRANSPORT_TYPE, retryable: false }));
    const epoch = this.flushes.enter();
    const p = this.store(event);
    p.then(
      () => this.flushes.settle(epoch, true),
      () => this.flushes.settle(epoch, false),
    );
    return p;
  }

  private async store(event: OpenLineageEvent): Promise<void> {
    const millis = objectMillis(event, 'S3', TRANSPORT_TYPE);
    const { bucketName: bucket, fileNamePrefix: prefix } = this.config;
    const body = Buffer.from(toJSON(event), 'utf8');
    const stored = await putUnderFreeName(prefix, millis, async (key) => {
      try {
        await this.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json', IfNoneMatch: '*' }));
        return true;
      } catch (err) {
        const e = toS3TransportError(err, bucket, key, this.secrets);
        if (e.code !== 'PreconditionFailed' && e.code !== 'ConditionalRequestConflict') throw e;
        return false;
      }
    });
    if (stored === undefined) {
      throw new S3TransportError(`S3 objects ${triedObjectNames(prefix, millis)} all exist already`, {
        transport: TRANSPORT_TYPE,
        retryable: false,
        code: 'PreconditionFailed',
        bucket,
        key: objectName(prefix, millis),
      });
    }
    this.success++;
    this.logger.debug(`S3 stored s3://${bucket}/${stored}`);
  }

  /** True when every event emitted before the call was stored; false after a failure since the previous flush or at the timeout (see @ol/delivery). */
  flush(timeoutMs?: number): Promise<boolean> {
    return this.flushes.flush(timeoutMs);
  }

  /** Lets uploads under way finish (within the timeout), then destroys the SDK client and its sockets. Idempotent. */
  close(timeoutMs?: number): Promise<boolean> {
    this.closing ??= this.flush(timeoutMs).then((done) => {
      this.client.destroy();
      return done;
    });
    return this.closing;
  }

  stats(): TransportStats {
    return { pending: this.flushes.outstanding, success: this.success, failed: 0, dropped: 0 };
  }
}
