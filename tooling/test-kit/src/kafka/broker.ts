/**
 * A single-node Kafka broker speaking the real wire protocol over TCP (optionally TLS), enough for
 * kafkajs's producer (idempotent mode and SASL/PLAIN included) and for librdkafka (`kcat -L`,
 * `kcat -C`). Records live in memory and, by default, survive stop/start so a restart models a
 * durable broker. SASL/OAUTHBEARER (over TLS, as Amazon MSK's IAM auth uses it) checks tokens with a
 * pluggable verifier (`mskIamVerifier` checks them as MSK does). Only the API versions in `API_VERSIONS` are advertised, and clients negotiate
 * down to them, so nothing else needs decoding.
 */
import { EventEmitter, once } from 'node:events';
import net from 'node:net';
import tls from 'node:tls';
import { ProtocolError, Reader, Writer } from './codec.js';
import type { TokenVerdict } from './msk-iam.js';
import { CorruptRecordError, decodeRecordBatches, encodeRecordBatch, UnsupportedCompressionError } from './records.js';
import type { Compression, ProducedRecord, RecordHeader } from './records.js';

export const API = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  SaslHandshake: 17,
  ApiVersions: 18,
  InitProducerId: 22,
  SaslAuthenticate: 36,
} as const;

/** [apiKey, min, max]: exactly what the handlers below decode. */
export const API_VERSIONS: readonly (readonly [number, number, number])[] = [
  [API.Produce, 3, 7],
  [API.Fetch, 4, 11],
  [API.ListOffsets, 1, 5],
  [API.Metadata, 0, 6],
  [API.SaslHandshake, 0, 1],
  [API.ApiVersions, 0, 2],
  [API.InitProducerId, 0, 1],
  [API.SaslAuthenticate, 0, 1],
];

const API_NAMES = new Map<number, string>(Object.entries(API).map(([name, key]) => [key, name]));

const ERR = {
  NONE: 0,
  OFFSET_OUT_OF_RANGE: 1,
  CORRUPT_MESSAGE: 2,
  UNKNOWN_TOPIC_OR_PARTITION: 3,
  UNSUPPORTED_SASL_MECHANISM: 33,
  ILLEGAL_SASL_STATE: 34,
  UNSUPPORTED_VERSION: 35,
  SASL_AUTHENTICATION_FAILED: 58,
  UNSUPPORTED_COMPRESSION_TYPE: 76,
} as const;

/** A record as the broker stored it. */
export interface StoredRecord extends ProducedRecord {
  topic: string;
  partition: number;
  offset: number;
  /** Codec of the batch it arrived in. */
  compression: Compression;
  producerId: bigint;
}

export interface KafkaTestBrokerOptions {
  /** 0 (default) picks a free port; it is kept across restarts. */
  port?: number;
  /** Address to bind and advertise (default 127.0.0.1). */
  host?: string;
  nodeId?: number;
  /** Topics to create up front: name → partition count. */
  topics?: Record<string, number>;
  /** Partitions of topics created automatically by a Metadata request (default 1). */
  defaultPartitions?: number;
  /** Create unknown topics named in Metadata requests (default true). */
  autoCreateTopics?: boolean;
  /**
   * Require SASL before any other request: PLAIN with `users` (username → password), OAUTHBEARER with
   * `oauthBearer` deciding about each token (its `lifetimeMs` becomes the session lifetime, so clients
   * re-authenticate before the token expires, as KIP-368 brokers make them).
   */
  sasl?: { users?: Record<string, string>; oauthBearer?: (token: string) => TokenVerdict };
  /** Serve TLS with this key and certificate (PEM). */
  tls?: { key: string | Buffer; cert: string | Buffer; ca?: string | Buffer; requestCert?: boolean };
  /** Forget records when restarted (default false: records survive, like a durable broker). */
  clearOnRestart?: boolean;
  /** Receives one line per notable event (connections, unsupported requests). */
  log?: (line: string) => void;
}

interface Topic {
  partitions: StoredRecord[][];
}

interface ConnState {
  socket: net.Socket;
  authenticated: boolean;
  /** SaslHandshake v0 was accepted: the next frame is a raw SASL token, not a Kafka request. */
  rawSaslNext: boolean;
  /** Mechanism chosen by the last SaslHandshake. */
  mechanism?: string;
  /** When the OAUTHBEARER session ends (KIP-368): later requests close the connection unless it re-authenticated. */
  sessionEndsAt?: number;
  user?: string;
}

interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
}

export class KafkaTestBroker {
  readonly host: string;
  readonly nodeId: number;
  readonly clusterId = 'ol-test-cluster';
  /** Requests received, by API name (e.g. `Produce`, `SaslAuthenticate`). */
  readonly requestCounts = new Map<string, number>();
  /** Users (PLAIN) and principals (OAUTHBEARER) that passed SASL authentication, in order; re-authentications included. */
  readonly authenticated: string[] = [];
  /** Every OAUTHBEARER attempt: the token, and whether and why it was refused. */
  readonly oauthAttempts: { token: string; verdict: TokenVerdict; at: number }[] = [];
  /** Client ids seen in request headers. */
  readonly clientIds = new Set<string>();

  private readonly options: KafkaTestBrokerOptions;
  private readonly topicMap = new Map<string, Topic>();
  private readonly sequences = new Map<string, Map<number, number>>();
  private readonly appended = new EventEmitter();
  private readonly sockets = new Set<net.Socket>();
  private server: net.Server | undefined;
  private boundPort: number;
  private nextProducerId = 1000n;

  constructor(options: KafkaTestBrokerOptions = {}) {
    this.options = options;
    this.host = options.host ?? '127.0.0.1';
    this.nodeId = options.nodeId ?? 1;
    this.boundPort = options.port ?? 0;
    this.appended.setMaxListeners(0);
    for (const [name, partitions] of Object.entries(options.topics ?? {})) this.createTopic(name, partitions);
  }

  /** Creates and starts a broker. */
  static async start(options: KafkaTestBrokerOptions = {}): Promise<KafkaTestBroker> {
    const broker = new KafkaTestBroker(options);
    await broker.start();
    return broker;
  }

  get port(): number {
    return this.boundPort;
  }

  /** `host:port`, as `bootstrap.servers` wants it. */
  get address(): string {
    return `${this.host}:${this.boundPort}`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  async start(): Promise<void> {
    if (this.server) return;
    if (this.options.clearOnRestart) this.clear();
    const onConnection = (socket: net.Socket) => this.accept(socket);
    const o = this.options.tls;
    const server = o
      ? tls.createServer(
          { key: o.key, cert: o.cert, ...(o.ca ? { ca: o.ca } : {}), requestCert: o.requestCert ?? false, rejectUnauthorized: o.requestCert ?? false },
          onConnection,
        )
      : net.createServer(onConnection);
    server.listen(this.boundPort, this.host);
    await once(server, 'listening');
    this.boundPort = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and drops every connection (clients see the broker go away). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closed;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  createTopic(name: string, partitions = this.options.defaultPartitions ?? 1): void {
    if (this.topicMap.has(name)) return;
    this.topicMap.set(name, { partitions: Array.from({ length: Math.max(1, partitions) }, () => []) });
  }

  topics(): string[] {
    return [...this.topicMap.keys()].sort();
  }

  /** Stored records of one topic (all partitions, by partition then offset), or of every topic. */
  records(topic?: string): StoredRecord[] {
    const names = topic === undefined ? this.topics() : [topic];
    return names.flatMap((n) => this.topicMap.get(n)?.partitions.flat() ?? []);
  }

  /** Record values of a topic as UTF-8 strings. */
  values(topic: string): string[] {
    return this.records(topic).map((r) => r.value?.toString('utf8') ?? '');
  }

  /** Resolves once `topic` holds at least `count` records; rejects after `timeoutMs`. */
  async waitForRecords(topic: string, count: number, timeoutMs = 10_000): Promise<StoredRecord[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.records(topic).length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${count} records on ${topic} (have ${this.records(topic).length})`);
      await this.nextAppend(left);
    }
    return this.records(topic);
  }

  clear(): void {
    for (const t of this.topicMap.values()) t.partitions = t.partitions.map(() => []);
    this.sequences.clear();
  }

  count(api: keyof typeof API): number {
    return this.requestCounts.get(api) ?? 0;
  }

  private nextAppend(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.appended.off('append', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.appended.on('append', done);
    });
  }

  private log(line: string): void {
    this.options.log?.(line);
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const conn: ConnState = { socket, authenticated: !this.options.sasl, rawSaslNext: false };
    // Chunks are joined only once a whole frame is in: joining on every chunk is quadratic for
    // the multi-megabyte produce requests a batching client sends.
    let chunks: Buffer[] = [];
    let buffered = 0;
    let frameEnd = -1;
    // Responses on one connection must come back in request order; Fetch may wait, so chain them.
    let chain = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      buffered += chunk.length;
      for (;;) {
        if (frameEnd < 0) {
          if (buffered < 4) break;
          if (chunks[0]!.length < 4) chunks = [Buffer.concat(chunks, buffered)];
          frameEnd = 4 + chunks[0]!.readInt32BE(0);
        }
        if (buffered < frameEnd) break;
        const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, buffered);
        const frame = all.subarray(4, frameEnd);
        const rest = all.subarray(frameEnd);
        chunks = rest.length ? [rest] : [];
        buffered = rest.length;
        frameEnd = -1;
        chain = chain
          .then(() => this.handleFrame(conn, frame))
          .catch((err: unknown) => {
            this.log(`closing connection: ${(err as Error).message}`);
            socket.destroy();
          });
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }

  private send(conn: ConnState, correlationId: number, body: Buffer): void {
    if (conn.socket.destroyed) return;
    const head = Buffer.alloc(8);
    head.writeInt32BE(body.length + 4, 0);
    head.writeInt32BE(correlationId, 4);
    conn.socket.write(Buffer.concat([head, body]));
  }

  private async handleFrame(conn: ConnState, frame: Buffer): Promise<void> {
    if (conn.rawSaslNext) {
      conn.rawSaslNext = false;
      const ok = conn.mechanism === 'PLAIN' && this.checkPlain(conn, frame);
      if (!ok) throw new ProtocolError('SASL/PLAIN authentication failed');
      const out = Buffer.alloc(4);
      out.writeInt32BE(0);
      conn.socket.write(out);
      return;
    }
    const r = new Reader(frame);
    const header: RequestHeader = { apiKey: r.int16(), apiVersion: r.int16(), correlationId: r.int32(), clientId: null };
    const name = API_NAMES.get(header.apiKey) ?? `api${header.apiKey}`;
    this.requestCounts.set(name, (this.requestCounts.get(name) ?? 0) + 1);
    const supported = API_VERSIONS.find(([k]) => k === header.apiKey);
    if (header.apiKey === API.ApiVersions && supported && header.apiVersion > supported[2]) {
      // KIP-511: answer an ApiVersions version we do not know in v0 format, listing what we do know.
      this.send(conn, header.correlationId, this.apiVersionsBody(0, ERR.UNSUPPORTED_VERSION));
      return;
    }
    if (!supported || header.apiVersion < supported[1] || header.apiVersion > supported[2]) {
      throw new ProtocolError(`unsupported request ${name} v${header.apiVersion}`);
    }
    header.clientId = r.nullableString();
    if (header.clientId) this.clientIds.add(header.clientId);
    const open = header.apiKey === API.ApiVersions || header.apiKey === API.SaslHandshake || header.apiKey === API.SaslAuthenticate;
    if (!conn.authenticated && !open) throw new ProtocolError(`${name} before SASL authentication`);
    if (!open && conn.sessionEndsAt !== undefined && Date.now() > conn.sessionEndsAt) throw new ProtocolError(`${name} after the SASL session expired`);
    const body = await this.dispatch(conn, header, r);
    if (body !== null) this.send(conn, header.correlationId, body);
  }

  private dispatch(conn: ConnState, h: RequestHeader, r: Reader): Buffer | null | Promise<Buffer> {
    switch (h.apiKey) {
      case API.ApiVersions:
        return this.apiVersionsBody(h.apiVersion, ERR.NONE);
      case API.Metadata:
        return this.metadata(h.apiVersion, r);
      case API.Produce:
        return this.produce(h.apiVersion, r);
      case API.InitProducerId:
        return this.initProducerId(r);
      case API.SaslHandshake:
        return this.saslHandshake(conn, h.apiVersion, r);
      case API.SaslAuthenticate:
        return this.saslAuthenticate(conn, h.apiVersion, r);
      case API.ListOffsets:
        return this.listOffsets(h.apiVersion, r);
      case API.Fetch:
        return this.fetch(h.apiVersion, r);
      default:
        throw new ProtocolError(`unhandled api ${h.apiKey}`);
    }
  }

  private apiVersionsBody(version: number, errorCode: number): Buffer {
    const w = new Writer().int16(errorCode).array(API_VERSIONS, (w, [k, min, max]) => w.int16(k).int16(min).int16(max));
    if (version >= 1) w.int32(0);
    return w.toBuffer();
  }

  private metadata(v: number, r: Reader): Buffer {
    const requested = v === 0 ? r.array((x) => x.string()) : r.nullableArray((x) => x.string());
    const allowCreate = v >= 4 ? r.bool() : true;
    const all = requested === null || (v === 0 && requested.length === 0);
    const names = all ? this.topics() : requested;
    const w = new Writer();
    if (v >= 3) w.int32(0);
    w.array([this.nodeId], (w, id) => {
      w.int32(id).string(this.host).int32(this.boundPort);
      if (v >= 1) w.nullableString(null);
    });
    if (v >= 2) w.nullableString(this.clusterId);
    if (v >= 1) w.int32(this.nodeId);
    w.array(names, (w, name) => {
      if (!this.topicMap.has(name) && allowCreate && this.options.autoCreateTopics !== false && name !== '') this.createTopic(name);
      const t = this.topicMap.get(name);
      w.int16(t ? ERR.NONE : ERR.UNKNOWN_TOPIC_OR_PARTITION).string(name);
      if (v >= 1) w.bool(false);
      w.array(t ? t.partitions.map((_, i) => i) : [], (w, p) => {
        w.int16(ERR.NONE)
          .int32(p)
          .int32(this.nodeId)
          .array([this.nodeId], (w, n) => w.int32(n))
          .array([this.nodeId], (w, n) => w.int32(n));
        if (v >= 5) w.array([], () => undefined);
      });
    });
    return w.toBuffer();
  }

  private produce(v: number, r: Reader): Buffer | null {
    r.nullableString(); // transactional id
    const acks = r.int16();
    r.int32(); // timeout
    const topics = r.array((x) => ({
      name: x.string(),
      partitions: x.array((y) => ({ index: y.int32(), records: y.nullableBytes() })),
    }));
    const results = topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({ index: p.index, ...this.append(t.name, p.index, p.records) })),
    }));
    if (acks === 0) return null;
    const w = new Writer().array(results, (w, t) =>
      w.string(t.name).array(t.partitions, (w, p) => {
        w.int32(p.index).int16(p.errorCode).int64(p.baseOffset).int64(-1);
        if (v >= 5) w.int64(0);
      }),
    );
    w.int32(0);
    return w.toBuffer();
  }

  private append(topic: string, partition: number, records: Buffer | null): { errorCode: number; baseOffset: number } {
    const log = this.topicMap.get(topic)?.partitions[partition];
    if (!log) return { errorCode: ERR.UNKNOWN_TOPIC_OR_PARTITION, baseOffset: -1 };
    let batches;
    try {
      batches = decodeRecordBatches(records ?? Buffer.alloc(0));
    } catch (err) {
      this.log(`rejected batch for ${topic}/${partition}: ${(err as Error).message}`);
      return {
        errorCode:
          err instanceof UnsupportedCompressionError
            ? ERR.UNSUPPORTED_COMPRESSION_TYPE
            : err instanceof CorruptRecordError
              ? ERR.CORRUPT_MESSAGE
              : ERR.CORRUPT_MESSAGE,
        baseOffset: -1,
      };
    }
    let first = -1;
    for (const b of batches) {
      // Idempotent producers resend a batch they got no answer for; store it once, answer with its offset.
      let seen: Map<number, number> | undefined;
      if (b.producerId >= 0n && b.baseSequence >= 0) {
        const key = `${b.producerId}:${b.producerEpoch}:${topic}:${partition}`;
        seen = this.sequences.get(key) ?? new Map<number, number>();
        this.sequences.set(key, seen);
        const dup = seen.get(b.baseSequence);
        if (dup !== undefined) {
          if (first < 0) first = dup;
          continue;
        }
      }
      const base = log.length;
      seen?.set(b.baseSequence, base);
      if (first < 0) first = base;
      for (const rec of b.records)
        log.push({
          key: rec.key,
          value: rec.value,
          headers: rec.headers,
          timestamp: rec.timestamp,
          topic,
          partition,
          offset: log.length,
          compression: b.compression,
          producerId: b.producerId,
        });
    }
    this.appended.emit('append');
    return { errorCode: ERR.NONE, baseOffset: first < 0 ? log.length : first };
  }

  private initProducerId(r: Reader): Buffer {
    r.nullableString(); // transactional id: transactions are not supported, idempotence needs none
    r.int32();
    const id = this.nextProducerId++;
    return new Writer().int32(0).int16(ERR.NONE).int64(id).int16(0).toBuffer();
  }

  private saslHandshake(conn: ConnState, v: number, r: Reader): Buffer {
    const mechanism = r.string().toUpperCase();
    const sasl = this.options.sasl;
    const enabled = [...(sasl?.users ? ['PLAIN'] : []), ...(sasl?.oauthBearer ? ['OAUTHBEARER'] : [])];
    const ok = enabled.includes(mechanism);
    if (ok) conn.mechanism = mechanism;
    // Only PLAIN is served over the pre-KIP-152 raw framing; OAUTHBEARER clients use SaslAuthenticate.
    if (ok && v === 0 && mechanism === 'PLAIN') conn.rawSaslNext = true;
    return new Writer()
      .int16(ok ? ERR.NONE : ERR.UNSUPPORTED_SASL_MECHANISM)
      .array(enabled, (w, m) => w.string(m))
      .toBuffer();
  }

  private saslAuthenticate(conn: ConnState, v: number, r: Reader): Buffer {
    const token = r.bytes();
    let ok = false;
    let message = 'Authentication failed: invalid credentials';
    let lifetimeMs = 0;
    if (conn.mechanism === 'PLAIN') ok = this.checkPlain(conn, token);
    else if (conn.mechanism === 'OAUTHBEARER') {
      const verdict = this.checkOAuthBearer(conn, token);
      ok = verdict.ok;
      if (verdict.ok) {
        lifetimeMs = Math.max(1, Math.floor(verdict.lifetimeMs));
        conn.sessionEndsAt = Date.now() + lifetimeMs;
      } else message = `Authentication failed: ${verdict.reason}`;
    }
    const w = new Writer()
      .int16(ok ? ERR.NONE : ERR.SASL_AUTHENTICATION_FAILED)
      .nullableString(ok ? null : message)
      .bytes(Buffer.alloc(0));
    if (v >= 1) w.int64(lifetimeMs);
    return w.toBuffer();
  }

  /** PLAIN token: `authzid \0 user \0 password` (RFC 4616). */
  private checkPlain(conn: ConnState, token: Buffer): boolean {
    const parts = token.toString('utf8').split('\0');
    if (parts.length !== 3) return false;
    const [, user, password] = parts as [string, string, string];
    const expected = this.options.sasl?.users?.[user];
    if (expected === undefined || expected !== password) {
      this.log(`SASL/PLAIN failed for ${user}`);
      return false;
    }
    conn.authenticated = true;
    conn.user = user;
    this.authenticated.push(user);
    return true;
  }

  /** RFC 7628 client first message: `n,[a=authzid],` SOH `auth=Bearer <token>` SOH [extensions SOH] SOH. */
  private checkOAuthBearer(conn: ConnState, message: Buffer): TokenVerdict {
    const parts = message.toString('utf8').split('\u0001');
    const auth = parts.find((p) => p.startsWith('auth='));
    const bearer = auth === undefined ? undefined : /^auth=Bearer (\S+)$/i.exec(auth)?.[1];
    const verdict: TokenVerdict =
      !parts[0]?.startsWith('n,') || bearer === undefined ? { ok: false, reason: 'malformed OAUTHBEARER message' } : this.options.sasl!.oauthBearer!(bearer);
    this.oauthAttempts.push({ token: bearer ?? '', verdict, at: Date.now() });
    if (!verdict.ok) {
      this.log(`SASL/OAUTHBEARER refused: ${verdict.reason}`);
      return verdict;
    }
    conn.authenticated = true;
    conn.user = verdict.principal;
    this.authenticated.push(verdict.principal);
    return verdict;
  }

  private listOffsets(v: number, r: Reader): Buffer {
    r.int32(); // replica id
    if (v >= 2) r.int8(); // isolation level
    const topics = r.array((x) => ({
      name: x.string(),
      partitions: x.array((y) => {
        const index = y.int32();
        if (v >= 4) y.int32(); // current leader epoch
        return { index, timestamp: y.int64() };
      }),
    }));
    const w = new Writer();
    if (v >= 2) w.int32(0);
    w.array(topics, (w, t) =>
      w.string(t.name).array(t.partitions, (w, p) => {
        const log = this.topicMap.get(t.name)?.partitions[p.index];
        let offset = -1;
        let timestamp = -1;
        if (log) {
          if (p.timestamp === -1n) offset = log.length;
          else if (p.timestamp === -2n) offset = 0;
          else {
            const hit = log.find((rec) => BigInt(rec.timestamp) >= p.timestamp);
            if (hit) ({ offset, timestamp } = hit);
          }
        }
        w.int32(p.index)
          .int16(log ? ERR.NONE : ERR.UNKNOWN_TOPIC_OR_PARTITION)
          .int64(timestamp)
          .int64(offset);
        if (v >= 4) w.int32(0);
      }),
    );
    return w.toBuffer();
  }

  private async fetch(v: number, r: Reader): Promise<Buffer> {
    r.int32(); // replica id
    const maxWaitMs = r.int32();
    r.int32(); // min bytes
    r.int32(); // max bytes
    r.int8(); // isolation level
    if (v >= 7) {
      r.int32(); // session id: sessions are not supported, every fetch is a full fetch
      r.int32();
    }
    const topics = r.array((x) => ({
      name: x.string(),
      partitions: x.array((y) => {
        const index = y.int32();
        if (v >= 9) y.int32(); // current leader epoch
        const fetchOffset = Number(y.int64());
        if (v >= 5) y.int64(); // log start offset
        return { index, fetchOffset, maxBytes: y.int32() };
      }),
    }));
    const available = () => topics.some((t) => t.partitions.some((p) => (this.topicMap.get(t.name)?.partitions[p.index]?.length ?? 0) > p.fetchOffset));
    // Long-poll briefly like a real broker so consumers do not spin, but never longer than a second.
    if (!available() && maxWaitMs > 0) await this.nextAppend(Math.min(maxWaitMs, 1000));
    const w = new Writer().int32(0);
    if (v >= 7) w.int16(ERR.NONE).int32(0);
    w.array(topics, (w, t) =>
      w.string(t.name).array(t.partitions, (w, p) => {
        const log = this.topicMap.get(t.name)?.partitions[p.index];
        const hwm = log?.length ?? -1;
        const errorCode = !log ? ERR.UNKNOWN_TOPIC_OR_PARTITION : p.fetchOffset > hwm || p.fetchOffset < 0 ? ERR.OFFSET_OUT_OF_RANGE : ERR.NONE;
        let records: Buffer = Buffer.alloc(0);
        if (log && errorCode === ERR.NONE) {
          const slice: StoredRecord[] = [];
          let bytes = 0;
          for (let o = p.fetchOffset; o < log.length; o++) {
            const rec = log[o]!;
            bytes += (rec.value?.length ?? 0) + (rec.key?.length ?? 0) + 32;
            if (slice.length > 0 && bytes > p.maxBytes) break;
            slice.push(rec);
          }
          records = encodeRecordBatch(BigInt(p.fetchOffset), slice);
        }
        w.int32(p.index).int16(errorCode).int64(hwm).int64(hwm);
        if (v >= 5) w.int64(0);
        w.array([], () => undefined);
        if (v >= 11) w.int32(-1);
        w.bytes(records);
      }),
    );
    return w.toBuffer();
  }
}

export type { Compression, ProducedRecord, RecordHeader };
