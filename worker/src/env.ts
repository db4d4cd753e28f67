import type { DrizzleD1Database } from "drizzle-orm/d1";
import type * as schema from "./db/schema";

/** Bindings, vars and secrets (secrets come from `wrangler secret put` or the gitignored .dev.vars). */
export interface Env {
  /**
   * In wrangler.jsonc: the control database (the province directory, the shard map, integration keys), also the
   * home of provinces the map places nowhere else. In a request or a shard's cron work: that province's database
   * (shards/directory.ts `envForShard`), so services read and write `env.DB` and reach the right one.
   */
  DB: D1Database;
  /** The control database when `DB` has been set to a shard's (absent: `DB` is the control database). */
  CONTROL_DB?: D1Database;
  /** The binding `DB` stands for when it is a shard's (absent: the control database, "DB"). */
  SHARD?: string;
  // Provinces' databases are further D1 bindings named DB_<NAME> in wrangler.jsonc and the shard map, read by
  // name (shards/directory.ts `d1Binding`).
  /** Master secret: slip, view and session tokens, the applicant factor hash and client secrets derive from it. */
  SERVER_SECRET: string;
  /** Bearer token for the operator's admin routes (provinces, integration clients). Unset: admin routes are off. */
  ADMIN_TOKEN?: string;
  /** Fallback Zalo Mini App id for deep links when a province has none. */
  MINI_APP_ID: string;
  /**
   * The origin citizens reach this deployment at (e.g. https://motcua.example.vn): signed photo links point there,
   * and its web app may call the API. Default http://127.0.0.1:8787; never taken from a request's Host header.
   */
  PUBLIC_ORIGIN?: string;
  /** Further origins whose pages may call the citizen routes (comma-separated), besides Zalo's and PUBLIC_ORIGIN. */
  ALLOWED_ORIGINS?: string;
  /**
   * Where per-client throttles find the client's address: "cloudflare" trusts CF-Connecting-IP on requests that came
   * through Cloudflare's edge (production); anything else ("none" locally) puts every anonymous client in one bucket.
   */
  CLIENT_ADDRESS_SOURCE?: string;
  /** Deliveries to followers: fan-out and delivery messages (see services/notify). */
  NOTIFY_QUEUE: Queue<NotifyMessage>;
  /** Emergency alerts' fan-out and deliveries: consumed by the same worker, ahead of everything else. */
  NOTIFY_URGENT_QUEUE: Queue<NotifyMessage>;
  /** Where deliveries that exhausted their retries are parked for the operator. */
  NOTIFY_DLQ: Queue<NotifyMessage>;
  /** R2: photos attached to feedback, private, served only through signed URLs (security/media-url). */
  MEDIA: MediaBucket;
  /** Zalo's base URLs. Production: Zalo itself; dev and tests: the fake Zalo on 127.0.0.1 (scripts/fake-zalo). */
  ZALO_GRAPH_URL: string;
  ZALO_MINIAPP_API_URL: string;
  ZALO_ZNS_API_URL: string;
  /** Milliseconds before a call to Zalo counts as timed out (default 8000). */
  ZALO_TIMEOUT_MS?: string;
  /** Delivery attempts before a message is dead-lettered (default 6), and the first retry delay in seconds (default 30, doubling). */
  NOTIFY_MAX_ATTEMPTS?: string;
  NOTIFY_RETRY_BASE_SECONDS?: string;
}

/** The part of R2Bucket the worker uses (declared here so the mini app, which type-checks the routes, needs no copy
 * of R2's declarations). */
export interface MediaBucket {
  put(key: string, value: ArrayBuffer | Uint8Array, options?: { httpMetadata?: { contentType?: string; cacheControl?: string } }): Promise<unknown>;
  get(key: string): Promise<{ body: ReadableStream; size: number; httpMetadata?: { contentType?: string } } | null>;
  delete(keys: string | string[]): Promise<void>;
}

export type NotifyMessage =
  /** Without a range: plan the fan-out. With one: the followers with citizen id in (after, upTo]. */
  | { type: "fanout"; outboxId: number; page?: { after: number; upTo: number | null }; shard?: string }
  | {
      type: "deliver";
      deliveryIds: number[];
      /** The clock to plan by when later than now: the sweeper's, for deliveries it re-queues. */
      at?: number;
      /** The D1 binding holding the rows (stamped by the shard's queue producer); absent: the control database. */
      shard?: string;
    };

export type Db = DrizzleD1Database<typeof schema>;

/** What a raw read needs of D1: a database or a Sessions API session alike. */
export type D1Reader = Pick<D1Database, "prepare" | "batch">;

/** A verified integration client: its key, its province and that province's unit code (H56), when set. */
export type IntegrationClient = {
  keyId: string;
  provinceId: string;
  provinceUnit: string | null;
  name: string;
  /** The agency group of a split province this key speaks for (its database), or null: the province's home. */
  agencyGroup: string | null;
  /**
   * Whether dossiers of this agency are kept in the database this key's requests use (set by the shard middleware;
   * false only in a province split by agency group, for an agency of another group).
   */
  keepsAgency?: (agencyId: string) => boolean;
};

export type AppEnv = {
  Bindings: Env;
  Variables: {
    /** The request's province's database (shards/middleware.ts); the control database when it names none. */
    db: Db;
    /** The control database: directory, shard map, integration keys. */
    control: Db;
    /** The D1 binding `db` is. */
    shard: string;
    /** The province's database through D1's Sessions API, for public reads (shards/reads.ts). */
    reader: () => D1Reader;
    readerBookmark: () => string | null;
    integrationClient: IntegrationClient;
    session: CitizenSession;
  };
};

/** Who is calling, as proved by our session token (itself issued after Zalo's Graph API vouched for them). */
export type CitizenSession = { citizenId: number; provinceId: string; expiresAt: number };
