/**
 * Work that spans provinces (the crons, the queue consumer, the operator's rebuilds) runs shard by shard, each
 * with the env of that shard (`env.DB` its database, its queue messages stamped with it). A binding the map names
 * that this Worker lacks, or a database behind on migrations, is skipped and logged: the others still run.
 */
import { CONTROL_BINDING, bindingFor } from "../domain/shards";
import type { Db, Env } from "../env";
import { d1Binding, drizzleFor, envForShard, everyBinding, shardDirectory } from "./directory";
import { missingMigrations } from "./migrations";

export type ShardWork = { env: Env; db: Db; binding: string };

/** The shard's env and database, or null (logged) when it cannot be used. */
export async function openShard(env: Env, binding: string): Promise<ShardWork | null> {
  const d1 = d1Binding(env, binding);
  if (!d1) {
    console.error("shard binding missing", binding);
    return null;
  }
  const missing = await missingMigrations(d1);
  if (missing.length > 0) {
    console.error("shard not migrated", binding, missing.join(","));
    return null;
  }
  return { env: envForShard(env, binding, d1), db: drizzleFor(d1), binding };
}

/** Runs `work` on every usable shard in turn; one shard failing does not stop the others. Returns those that failed. */
export async function eachShard(env: Env, work: (shard: ShardWork) => Promise<void>): Promise<string[]> {
  const failed: string[] = [];
  for (const binding of await everyBinding(env)) {
    const shard = await openShard(env, binding);
    if (!shard) {
      failed.push(binding);
      continue;
    }
    try {
      await work(shard);
    } catch (error) {
      console.error("shard work failed", binding, String(error));
      failed.push(binding);
    }
  }
  return failed;
}

/** Whether a province whose row is in `binding` has its data there (the control database lists every province). */
export async function isHomeOf(env: Env, binding: string, provinceId: string): Promise<boolean> {
  return (bindingFor(await shardDirectory(env), provinceId) ?? CONTROL_BINDING) === binding;
}
