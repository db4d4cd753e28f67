/**
 * The one place a request gets its database. Every request resolves its province, from (in this order) the path
 * (`/v1/provinces/{id}`, `/v1/admin/provinces/{id}`), the verified integration client, the citizen's session, the
 * dossier code's agency identifier (`000.00.06.H56-…` → H56 → its province, from this isolate's copy of the map:
 * no extra round trip), the body of `POST /v1/session` (and of a province's onboarding), a photo link's key, or
 * the `X-Motcua-Province` header the mini app sends for a code outside the national shape. Then it sets, once:
 * - `c.var.db` / `c.env.DB`: that province's database (drizzle / raw D1), the shard the map names for it (or, for a
 *   code of an agency in a split-off group, that group's); the control database when nothing names a province;
 * - `c.var.control`: the control database (directory, shard map, integration keys);
 * - `c.var.shard`: the binding's name, and `c.var.reader`: the shard through D1's Sessions API for public reads.
 * Handlers never pick a database; services keep using `env.DB`, which is the province's.
 */
import { createMiddleware } from "hono/factory";
import type { Context } from "hono";
import { readCitizenCode } from "../domain/citizen-code";
import { agencyOfCode, bindingFor, CONTROL_BINDING, provinceOfCode, provinceOfCompact, SHARD_BINDING_PATTERN } from "../domain/shards";
import type { AppEnv, IntegrationClient } from "../env";
import { ApiError } from "../errors";
import { unverifiedMediaKey } from "../security/media-url";
import { checkSession } from "../security/session";
import { bindingOfProvince, d1Binding, drizzleFor, envForShard, freshDirectory, reloadedDirectory, shardDirectory } from "./directory";
import { requireMigrated } from "./migrations";
import { BOOKMARK_HEADER, openReader } from "./reads";

/** Sets the control database as every request's starting point (auth and directory reads use it). */
export const withControl = createMiddleware<AppEnv>(async (c, next) => {
  const db = drizzleFor(c.env.DB);
  c.set("control", db);
  c.set("db", db);
  c.set("shard", CONTROL_BINDING);
  await next();
});

const PROVINCE_PATH = /^\/v1\/(?:admin\/)?provinces\/([^/]+)/;
const CODE_PATH = /^\/v1\/(?:me\/)?dossiers\/([^/]+)/;
const MEDIA_PATH = /^\/v1\/media\/([^/]+)$/;

/** The JSON body's field, read from a copy (the route's validator reads the body again); null when it has none. */
async function bodyField(c: Context<AppEnv>, field: string): Promise<unknown> {
  try {
    const body = (await c.req.raw.clone().json()) as Record<string, unknown> | null;
    return body && typeof body === "object" ? body[field] : null;
  } catch {
    return null;
  }
}

/** The province (and the agency, for a dossier code) a request is about; null: none, the control database serves it. */
async function provinceOfRequest(c: Context<AppEnv>): Promise<{ provinceId: string; agencyId?: string | null } | null> {
  const path = c.req.path;
  const client = c.get("integrationClient") as IntegrationClient | undefined;
  if (client) return { provinceId: client.provinceId, agencyId: client.agencyGroup };
  const inPath = PROVINCE_PATH.exec(path);
  if (inPath) return { provinceId: decodeURIComponent(inPath[1]!) };
  if (path === "/v1/me" || path.startsWith("/v1/me/") || path.startsWith("/v1/staff/")) {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
    const check = token ? await checkSession(c.env.SERVER_SECRET, token, Date.now()) : null;
    // A missing or bad token resolves nothing: requireCitizen refuses it with its own message.
    if (!check?.ok) return null;
    c.set("session", check.session);
    return { provinceId: check.session.provinceId };
  }
  const code = CODE_PATH.exec(path);
  if (code) {
    const typed = readCitizenCode(decodeURIComponent(code[1]!));
    if (typed && !typed.compact) {
      const provinceId = provinceOfCode(await shardDirectory(c.env), typed.code) ?? provinceOfCode(await reloadedDirectory(c.env), typed.code);
      if (provinceId) return { provinceId, agencyId: agencyOfCode(typed.code) };
    } else if (typed?.compact) {
      // Its agency is only known once the province's own agencies are read: the province's home database decides.
      const provinceId = provinceOfCompact(await shardDirectory(c.env), typed.compact);
      if (provinceId) return { provinceId };
    }
    const hinted = c.req.header("x-motcua-province");
    return hinted ? { provinceId: hinted } : null;
  }
  if (path === "/v1/session" && c.req.method === "POST") {
    const provinceId = await bodyField(c, "provinceId");
    return typeof provinceId === "string" ? { provinceId } : null;
  }
  const media = MEDIA_PATH.exec(path);
  if (media) {
    const key = unverifiedMediaKey(decodeURIComponent(media[1]!));
    const provinceId = key?.split("/")[1];
    return provinceId ? { provinceId } : null;
  }
  return null;
}

/**
 * The binding of a province being onboarded: the one the map has, or for a new province the body's `shard`
 * (checked here, so a typo is a 400 and not a province stored where no deploy can reach it).
 */
async function onboardingBinding(c: Context<AppEnv>, provinceId: string): Promise<string | null> {
  if (c.req.method !== "PUT" || !/^\/v1\/admin\/provinces\/[^/]+$/.test(c.req.path)) return null;
  const requested = await bodyField(c, "shard");
  if (requested === undefined || requested === null) return null;
  if (typeof requested !== "string" || !SHARD_BINDING_PATTERN.test(requested))
    throw new ApiError(400, "validation_failed", "shard must be a D1 binding name: DB or DB_<LETTERS, DIGITS, _>", "shard");
  if (!d1Binding(c.env, requested))
    throw new ApiError(400, "unknown_shard", `this Worker has no D1 binding ${requested}: add it to wrangler.jsonc and deploy first`, "shard");
  // A province the map already places somewhere stays there (the route answers 409 when that is not `requested`).
  return bindingFor(await freshDirectory(c.env), provinceId) ?? requested;
}

export const withProvinceShard = createMiddleware<AppEnv>(async (c, next) => {
  const target = await provinceOfRequest(c);
  if (target) {
    const binding = (await onboardingBinding(c, target.provinceId)) ?? (await bindingOfProvince(c.env, target.provinceId, target.agencyId));
    const d1 = d1Binding(c.env, binding);
    if (!d1) {
      console.error("shard binding missing", binding, target.provinceId);
      throw new ApiError(
        503,
        "shard_unavailable",
        "Hệ thống đang bảo trì. Ông/bà vui lòng thử lại sau ít phút.",
        undefined,
        `binding ${binding} is not deployed`,
      );
    }
    await requireMigrated(d1, binding);
    const client = c.get("integrationClient") as IntegrationClient | undefined;
    if (client) {
      const directory = await shardDirectory(c.env);
      client.keepsAgency = (agencyId) => (bindingFor(directory, client.provinceId, agencyId) ?? CONTROL_BINDING) === binding;
    }
    if (binding !== CONTROL_BINDING) {
      c.env = envForShard(c.env, binding, d1);
      c.set("db", drizzleFor(d1));
      c.set("shard", binding);
    }
  } else {
    await requireMigrated(c.env.DB, CONTROL_BINDING);
  }
  c.set("reader", openReader(c));
  await next();
  const bookmark = c.get("readerBookmark")?.();
  if (bookmark) c.res.headers.set(BOOKMARK_HEADER, bookmark);
});
