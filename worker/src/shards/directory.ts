/**
 * The shard map as each isolate holds it: loaded from the control database once and kept, so a request finds its
 * province's database without a round trip (a dossier code names its province by its unit code). A province the
 * copy does not know makes it load again, at most once a second, so a province onboarded by another isolate is
 * found at once; the copy is also refreshed every minute. Provinces outside the map live in the control database.
 */
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../db/schema";
import { bindingFor, buildDirectory, CONTROL_BINDING, type ShardDirectory, type ShardRow } from "../domain/shards";
import type { Db, Env, NotifyMessage } from "../env";

const REFRESH_MS = 60_000;
const RELOAD_ON_MISS_MS = 1_000;

let cached: { directory: ShardDirectory; loadedAt: number } | null = null;
let loading: Promise<ShardDirectory> | null = null;

async function load(env: Env): Promise<ShardDirectory> {
  loading ??= (async () => {
    try {
      const { results } = await controlD1(env)
        .prepare(
          `SELECT m.province_id AS provinceId, m.agency_group AS agencyGroup, m.binding AS binding, p.agency_code AS unitCode
           FROM shard_map m LEFT JOIN provinces p ON p.id = m.province_id`,
        )
        .all<ShardRow>();
      const directory = buildDirectory(results);
      cached = { directory, loadedAt: Date.now() };
      return directory;
    } finally {
      loading = null;
    }
  })();
  return loading;
}

/** The map, from this isolate's copy when it is fresh. */
export async function shardDirectory(env: Env): Promise<ShardDirectory> {
  if (cached && Date.now() - cached.loadedAt < REFRESH_MS) return cached.directory;
  return load(env);
}

/** The map again when the copy may predate `provinceId` (or a unit code): what a miss does. */
export async function reloadedDirectory(env: Env): Promise<ShardDirectory> {
  if (cached && Date.now() - cached.loadedAt < RELOAD_ON_MISS_MS) return cached.directory;
  return load(env);
}

/** The map as stored now: what onboarding decides by. */
export const freshDirectory = (env: Env): Promise<ShardDirectory> => load(env);

/** After this isolate changed the map (onboarding): the next request reads it afresh. */
export function forgetDirectory(): void {
  cached = null;
}

/** The binding of a province (or of one of its agencies' dossiers); the control database when it is not mapped. */
export async function bindingOfProvince(env: Env, provinceId: string, agencyId?: string | null): Promise<string> {
  const found = bindingFor(await shardDirectory(env), provinceId, agencyId);
  if (found !== null) return found;
  return bindingFor(await reloadedDirectory(env), provinceId, agencyId) ?? CONTROL_BINDING;
}

/** Every binding the map names, the control database first: what crons and migrations go through. */
export async function everyBinding(env: Env): Promise<string[]> {
  const directory = await load(env);
  const bindings = new Set([CONTROL_BINDING]);
  for (const entry of directory.provinces.values()) {
    bindings.add(entry.home);
    for (const group of entry.groups) bindings.add(group.binding);
  }
  return [...bindings];
}

/** The D1 binding named `binding`, or null when this Worker has none by that name (not deployed with it). */
export function d1Binding(env: Env, binding: string): D1Database | null {
  if (binding === CONTROL_BINDING) return controlD1(env);
  const value = (env as unknown as Record<string, unknown>)[binding];
  return value && typeof (value as D1Database).prepare === "function" && typeof (value as D1Database).batch === "function" ? (value as D1Database) : null;
}

/** One drizzle client per D1 binding per isolate: building it (schema introspection) costs ~0.1 ms a request. */
const clients = new WeakMap<D1Database, Db>();
export function drizzleFor(d1: D1Database): Db {
  let db = clients.get(d1);
  if (!db) clients.set(d1, (db = drizzle(d1, { schema })));
  return db;
}

/** Queue producers that stamp every message with its shard, so the consumer opens the database that has its rows. */
function stamped(queue: Queue<NotifyMessage>, shard: string): Queue<NotifyMessage> {
  return {
    send: (body, options) => queue.send({ ...body, shard }, options),
    sendBatch: (messages, options) =>
      queue.sendBatch(
        [...messages].map((m) => ({ ...m, body: { ...m.body, shard } })),
        options,
      ),
    metrics: () => queue.metrics(),
  } as Queue<NotifyMessage>;
}

const shardEnvs = new WeakMap<Env, Map<string, Env>>();
/** A shard's env → the Worker's env it was derived from. */
const roots = new WeakMap<Env, Env>();

/**
 * The Worker's env as seen by one shard's work: `DB` is that shard's database (every service keeps using `env.DB`),
 * `SHARD` its binding, `CONTROL_DB` the control database, and the queues stamp their messages with the shard.
 * The control database's own env is `env` itself.
 */
export function envForShard(given: Env, binding: string, d1: D1Database): Env {
  // Always derived from the Worker's own env, even when asked from a shard's.
  const env = roots.get(given) ?? given;
  if (binding === CONTROL_BINDING) return env;
  let byBinding = shardEnvs.get(env);
  if (!byBinding) shardEnvs.set(env, (byBinding = new Map()));
  let derived = byBinding.get(binding);
  if (!derived) {
    derived = {
      ...env,
      DB: d1,
      SHARD: binding,
      CONTROL_DB: env.DB,
      NOTIFY_QUEUE: stamped(env.NOTIFY_QUEUE, binding),
      NOTIFY_URGENT_QUEUE: stamped(env.NOTIFY_URGENT_QUEUE, binding),
      NOTIFY_DLQ: stamped(env.NOTIFY_DLQ, binding),
    };
    byBinding.set(binding, derived);
    roots.set(derived, env);
  }
  return derived;
}

/** The control database of an env, shard-derived or not. */
export const controlD1 = (env: Env): D1Database => env.CONTROL_DB ?? env.DB;
