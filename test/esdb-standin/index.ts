import { Server, ServerCredentials, status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import { StreamsService, type IStreamsServer } from '@eventstore/db-client/generated/streams_grpc_pb';
import { grpcError, handleAppend, handleBatchAppend, type ServedCounts } from './append';
import { StandInLog } from './log';
import { handleRead } from './read';
import { tamperHandle, type Tamper } from './tamper';

/**
 * A wire-level stand-in for EventStoreDB 23.10's gRPC API, for tests where no server can run:
 * the real @eventstore/db-client talks to it over HTTP/2 exactly as it would to the database.
 * It serves ServerFeatures.GetSupportedMethods, Streams.Append, Streams.BatchAppend (only when
 * advertised) and Streams.Read (stream and $all reads, catch-up subscriptions); the log is kept in
 * memory. It does not serve Delete, Tombstone, persistent subscriptions, projections, users,
 * gossip, TLS or authentication (with tls=false the client drops credentials anyway).
 */

export const STAND_IN_SERVER_VERSION = '23.10.0';

export interface EsdbStandInOptions {
  /** Advertise and serve Streams.BatchAppend; without it the client falls back to Streams.Append. */
  readonly batchAppend: boolean;
  /**
   * Seed the log with system records as a fresh node has (`$settings`, `$$$scavenges`), so that
   * readers prove they skip them. Default true.
   */
  readonly systemEvents?: boolean;
  /**
   * The largest write it takes, in cumulative bytes of data and metadata (the server's
   * MaxAppendSize). Default 16 MiB, as docker-compose.yml configures the server (its own default is 1 MiB).
   */
  readonly maxAppendSize?: number;
}

export interface EsdbStandIn {
  /** `esdb://127.0.0.1:<port>?tls=false` */
  readonly connectionString: string;
  /** How many calls (appends: batches) each RPC has served, to prove which path a test took. */
  readonly served: Readonly<ServedCounts>;
  readonly tamper: Tamper;
  /** Subscriptions currently receiving live events (drops to 0 when clients unsubscribe). */
  liveSubscriptions(): number;
  stop(): Promise<void>;
}

function supportedMethods(batchAppend: boolean): SupportedMethods {
  // The client lower-cases `/<service>/<method>` and compares it with the generated method path.
  const methods: Array<[string, string]> = [
    ['event_store.client.server_features.serverfeatures', 'getsupportedmethods'],
    ['event_store.client.streams.streams', 'read'],
    ['event_store.client.streams.streams', 'append'],
    ...(batchAppend ? [['event_store.client.streams.streams', 'batchappend'] as [string, string]] : []),
  ];
  const result = new SupportedMethods();
  result.setEventStoreServerVersion(STAND_IN_SERVER_VERSION);
  for (const [serviceName, methodName] of methods) {
    const method = new SupportedMethod();
    method.setServiceName(serviceName);
    method.setMethodName(methodName);
    result.addMethods(method);
  }
  return result;
}

function seedSystemRecords(log: StandInLog): void {
  const json = (value: unknown) => Uint8Array.from(Buffer.from(JSON.stringify(value), 'utf8'));
  const none = new Uint8Array();
  log.append('$settings', { kind: 'any' }, [
    { id: '8d5b9e8e-2b31-4c1e-9a3e-000000000001', type: '$settings', contentType: 'application/json', data: json({ $userStreamAcl: { $r: '$all' } }), customMetadata: none },
  ]);
  log.append('$$$scavenges', { kind: 'any' }, [
    { id: '8d5b9e8e-2b31-4c1e-9a3e-000000000002', type: '$metadata', contentType: 'application/json', data: json({ $maxAge: 2592000 }), customMetadata: none },
  ]);
}

export async function startEsdbStandIn(options: EsdbStandInOptions): Promise<EsdbStandIn> {
  const log = new StandInLog();
  if (options.systemEvents ?? true) seedSystemRecords(log);
  const served: ServedCounts = { getSupportedMethods: 0, append: 0, batchAppend: 0, read: 0, subscribed: 0 };
  const unimplemented = (_call: unknown, callback: sendUnaryData<never>) => callback(grpcError(status.UNIMPLEMENTED, 'not served by the stand-in'));
  const streams: IStreamsServer = {
    read: handleRead(log, served),
    append: handleAppend(log, served, options.maxAppendSize ?? 16 * 2 ** 20),
    batchAppend: options.batchAppend
      ? handleBatchAppend(log, served, options.maxAppendSize ?? 16 * 2 ** 20)
      : (call) => {
          call.emit('error', grpcError(status.UNIMPLEMENTED, 'BatchAppend is not advertised by this stand-in'));
        },
    delete: unimplemented,
    tombstone: unimplemented,
  };
  const server = new Server();
  server.addService(StreamsService, streams);
  server.addService(ServerFeaturesService, {
    getSupportedMethods: (_call: ServerUnaryCall<Empty, SupportedMethods>, callback: sendUnaryData<SupportedMethods>) => {
      served.getSupportedMethods += 1;
      callback(null, supportedMethods(options.batchAppend));
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    served,
    tamper: tamperHandle(log),
    liveSubscriptions: () => log.liveListeners,
    // forceShutdown cancels open subscriptions, so a test's teardown never waits on them.
    stop: async () => server.forceShutdown(),
  };
}

export type { Tamper, StoredRecordSummary } from './tamper';
