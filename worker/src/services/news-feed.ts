/**
 * The province's news as citizens read it: published (publish time passed) and not unpublished, newest first,
 * paged by an opaque cursor over (publishedAt, id); a post with its body split into paragraphs and links; the cover.
 */
import { and, desc, eq, isNull, lt, lte, or } from "drizzle-orm";
import { newsPosts } from "../db/schema";
import { decodeFeedCursor, encodeFeedCursor, NEWS_PAGE, newsParagraphs } from "../domain/news";
import type { Db, Env } from "../env";
import { ApiError } from "../errors";
import { newsNotFound, newsSummary } from "./news";

type Media = Pick<Env, "PUBLIC_ORIGIN">;

const visible = (provinceId: string, now: Date) =>
  and(eq(newsPosts.provinceId, provinceId), isNull(newsPosts.unpublishedAt), lte(newsPosts.publishedAt, now.toISOString()));

export async function newsFeed(db: Db, env: Media, provinceId: string, query: { cursor?: string; limit?: number }, now: Date) {
  const limit = query.limit ?? NEWS_PAGE.default;
  const after = query.cursor === undefined ? null : decodeFeedCursor(query.cursor);
  if (query.cursor !== undefined && !after) {
    throw new ApiError(400, "invalid_cursor", "Trang tin không hợp lệ. Vui lòng tải lại danh sách tin.", "cursor", "cursor is not one this API handed out");
  }
  const rows = await db
    .select({
      provinceId: newsPosts.provinceId,
      id: newsPosts.id,
      title: newsPosts.title,
      summary: newsPosts.summary,
      category: newsPosts.category,
      publishedAt: newsPosts.publishedAt,
      cover: newsPosts.cover,
    })
    .from(newsPosts)
    .where(
      and(
        visible(provinceId, now),
        after ? or(lt(newsPosts.publishedAt, after.publishedAt), and(eq(newsPosts.publishedAt, after.publishedAt), lt(newsPosts.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(newsPosts.publishedAt), desc(newsPosts.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    news: page.map((r) => newsSummary(env, r)),
    next: rows.length > limit && last ? encodeFeedCursor({ publishedAt: last.publishedAt, id: last.id }) : null,
  };
}

async function visiblePost(db: Db, provinceId: string, newsId: string, now: Date) {
  const [row] = await db
    .select()
    .from(newsPosts)
    .where(and(visible(provinceId, now), eq(newsPosts.id, newsId)))
    .limit(1);
  if (!row) throw newsNotFound();
  return row;
}

export async function newsItem(db: Db, env: Media, provinceId: string, newsId: string, now: Date) {
  const row = await visiblePost(db, provinceId, newsId, now);
  return { ...newsSummary(env, row), body: row.body, paragraphs: newsParagraphs(row.body) };
}

/** The cover of a post citizens can read (a scheduled or unpublished post's cover is not public yet, or no more). */
export async function newsCoverObject(db: Db, env: Pick<Env, "MEDIA">, provinceId: string, newsId: string, now: Date) {
  const row = await visiblePost(db, provinceId, newsId, now);
  const object = row.cover ? await env.MEDIA.get(row.cover.key) : null;
  if (!object || !row.cover) throw new ApiError(404, "cover_not_found", "Tin này không có ảnh bìa.");
  return { object, type: row.cover.type };
}
