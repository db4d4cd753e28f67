/**
 * Writing the province's news: staff with the `communications` permission or the province's portal (integration).
 * A post is upserted by id; the first write of a post that notifies puts its broadcast (subscribers of any commune
 * of the province, lowest priority) in the same db.batch, not before its publish time. Edits never message again:
 * the broadcast exists once per post, and while it has not gone out yet it follows the post's title and time.
 * Unpublishing hides the post and withdraws a message not yet fanned out.
 */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { broadcasts, type NewsCategory, type NewsCover, newsPosts, outbox } from "../db/schema";
import { toUtcIso } from "../domain/time";
import type { Db, Env } from "../env";
import { ApiError } from "../errors";
import { publicOrigin } from "../security/headers";
import { broadcastDedupeKey, broadcastOutboxId, broadcastStatements } from "./broadcast-outbox";
import { dispatchOutbox } from "./notify";

export type NewsInput = { title: string; summary: string; body: string; category: NewsCategory; publishedAt?: string; notify?: boolean };
export type NewsAuthor = { source: "staff" | "integration"; author: string };
type NewsRow = typeof newsPosts.$inferSelect;

export const newsNotFound = (integrator = false) =>
  integrator
    ? new ApiError(404, "news_not_found", "no news post with this id in the client's province")
    : new ApiError(404, "news_not_found", "Không tìm thấy tin này.");

/** The public address of a post's cover; the key's last part changes with each upload, so caches never go stale. */
export function coverUrl(env: Pick<Env, "PUBLIC_ORIGIN">, row: Pick<NewsRow, "provinceId" | "id" | "cover">): string | null {
  if (!row.cover) return null;
  const version = row.cover.key.split("/").pop()!;
  return `${publicOrigin(env)}/v1/provinces/${encodeURIComponent(row.provinceId)}/news/${encodeURIComponent(row.id)}/cover?v=${encodeURIComponent(version)}`;
}

export function newsState(row: Pick<NewsRow, "publishedAt" | "unpublishedAt">, now: Date): "published" | "scheduled" | "unpublished" {
  if (row.unpublishedAt) return "unpublished";
  return row.publishedAt > now.toISOString() ? "scheduled" : "published";
}

type SummaryRow = Pick<NewsRow, "provinceId" | "id" | "title" | "summary" | "category" | "publishedAt" | "cover">;

/** What every view of a post starts with: the feed's line. */
export function newsSummary(env: Pick<Env, "PUBLIC_ORIGIN">, row: SummaryRow) {
  return { id: row.id, title: row.title, summary: row.summary, category: row.category, publishedAt: row.publishedAt, coverUrl: coverUrl(env, row) };
}

/** A post as its writers see it. */
export function staffNewsView(env: Pick<Env, "PUBLIC_ORIGIN">, row: NewsRow, now: Date) {
  return {
    ...newsSummary(env, row),
    body: row.body,
    notify: row.notify,
    state: newsState(row, now),
    unpublishedAt: row.unpublishedAt,
    source: row.source,
    author: row.author,
    updatedAt: row.updatedAt,
  };
}

export async function loadNews(db: Db, provinceId: string, newsId: string): Promise<NewsRow | null> {
  const [row] = await db
    .select()
    .from(newsPosts)
    .where(and(eq(newsPosts.provinceId, provinceId), eq(newsPosts.id, newsId)))
    .limit(1);
  return row ?? null;
}

export async function staffNewsList(db: Db, provinceId: string, limit = 100): Promise<NewsRow[]> {
  return db.select().from(newsPosts).where(eq(newsPosts.provinceId, provinceId)).orderBy(desc(newsPosts.publishedAt), desc(newsPosts.id)).limit(limit);
}

const messageParams = (id: string, title: string, summary: string) => ({ code: id, newsId: id, title, summary });

export type NewsWrite = { row: NewsRow; outcome: "created" | "updated" | "unchanged" };

/**
 * Creates or updates a post in one db.batch. Same content again changes nothing ("unchanged"); an unpublished post
 * written again is published again (without a message: a post is announced once at most).
 */
export async function writeNews(
  db: Db,
  env: Env,
  provinceId: string,
  newsId: string,
  input: NewsInput,
  who: NewsAuthor,
  now: Date,
  options: { mustExist?: boolean } = {},
): Promise<NewsWrite> {
  const at = now.toISOString();
  const existing = await loadNews(db, provinceId, newsId);
  if (options.mustExist && !existing) throw newsNotFound();
  const values = {
    title: input.title,
    summary: input.summary,
    body: input.body,
    category: input.category,
    publishedAt: input.publishedAt ? toUtcIso(input.publishedAt) : (existing?.publishedAt ?? at),
    notify: input.notify ?? existing?.notify ?? true,
  };
  if (existing && !existing.unpublishedAt && (Object.keys(values) as (keyof typeof values)[]).every((k) => existing[k] === values[k])) {
    return { row: existing, outcome: "unchanged" };
  }
  const scheduled = values.publishedAt > at;
  const dedupeKey = broadcastDedupeKey({ provinceId, kind: "news", subject: newsId });
  const upsert = db
    .insert(newsPosts)
    .values({ provinceId, id: newsId, ...values, ...who, createdAt: at, updatedAt: at })
    .onConflictDoUpdate({ target: [newsPosts.provinceId, newsPosts.id], set: { ...values, ...who, unpublishedAt: null, updatedAt: at } })
    .returning();
  // A message not yet fanned out tells the post as it now is, at its (possibly moved) time; turning notify off
  // withdraws it.
  const followEdit = values.notify
    ? [
        db
          .update(outbox)
          .set({ params: messageParams(newsId, values.title, values.summary), notBefore: scheduled ? values.publishedAt : null })
          .where(and(eq(outbox.dedupeKey, dedupeKey), isNull(outbox.fannedOutAt))),
      ]
    : withdrawPending(db, dedupeKey);
  const announce = !existing && values.notify;
  const [stored] = announce
    ? await db.batch([
        upsert,
        ...broadcastStatements(db, {
          provinceId,
          kind: "news",
          subject: newsId,
          params: messageParams(newsId, values.title, values.summary),
          audience: { subscribers: true },
          createdAt: at,
          notBefore: scheduled ? values.publishedAt : null,
        }),
      ])
    : await db.batch([upsert, ...followEdit]);
  // Published now (first, or moved from a later time to now): its message may go.
  if (values.notify && !scheduled && (announce || (existing !== null && existing.publishedAt > at))) {
    const outboxId = await broadcastOutboxId(db, { provinceId, kind: "news", subject: newsId });
    if (outboxId !== null) await dispatchOutbox(env, [outboxId]);
  }
  return { row: stored[0]!, outcome: existing ? "updated" : "created" };
}

/** Takes a post out of the feed (kept for the record); a message about it that has not gone out is withdrawn. */
export async function unpublishNews(db: Db, provinceId: string, newsId: string, now: Date): Promise<NewsRow | null> {
  const at = now.toISOString();
  const [rows] = await db.batch([
    db
      .update(newsPosts)
      .set({ unpublishedAt: sql`coalesce(${newsPosts.unpublishedAt}, ${at})`, updatedAt: at })
      .where(and(eq(newsPosts.provinceId, provinceId), eq(newsPosts.id, newsId)))
      .returning(),
    ...withdrawPending(db, broadcastDedupeKey({ provinceId, kind: "news", subject: newsId })),
  ]);
  return rows[0] ?? null;
}

/** The post's message and its counters, if it has not been fanned out yet (for the caller's db.batch). */
function withdrawPending(db: Db, dedupeKey: string) {
  const pending = sql`(SELECT ${outbox.id} FROM ${outbox} WHERE ${outbox.dedupeKey} = ${dedupeKey} AND ${outbox.fannedOutAt} IS NULL)`;
  return [
    db.delete(broadcasts).where(eq(broadcasts.outboxId, pending)),
    db.delete(outbox).where(and(eq(outbox.dedupeKey, dedupeKey), isNull(outbox.fannedOutAt))),
  ];
}

/**
 * Points the post at a new cover and returns the one it replaces, for the caller to delete. A conditional write on
 * the cover it read: two uploads at once each replace exactly the cover the other did not, so no object is orphaned.
 */
export async function setNewsCover(
  db: Db,
  provinceId: string,
  newsId: string,
  cover: NewsCover,
  now: Date,
): Promise<{ row: NewsRow; previous: NewsCover | null } | null> {
  for (;;) {
    const existing = await loadNews(db, provinceId, newsId);
    if (!existing) return null;
    const previous = existing.cover ?? null;
    const [row] = await db
      .update(newsPosts)
      .set({ cover, updatedAt: now.toISOString() })
      .where(and(eq(newsPosts.provinceId, provinceId), eq(newsPosts.id, newsId), sql`${newsPosts.cover} IS ${previous ? JSON.stringify(previous) : null}`))
      .returning();
    if (row) return { row, previous };
  }
}
