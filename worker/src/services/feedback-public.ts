/**
 * The public side of feedback: what a feedback can name (categories, communes and wards), and answered feedback
 * anyone may read, searched by the words of its text (diacritics optional), newest first.
 */
import { and, desc, eq, inArray, like, lt } from "drizzle-orm";
import { agencies, feedback, provinces } from "../db/schema";
import { searchWords } from "../domain/text";
import { areaName, FEEDBACK_CATEGORIES } from "../domain/voice";
import type { Db } from "../env";
import { ApiError } from "../errors";
import { type FeedbackRecord, loadFeedback, type MediaContext, publicFeedbackView, selectFeedback } from "./feedback";

const PUBLIC_PAGE = 20;
const PUBLIC_STATUSES = ["answered", "closed"] as const;

async function knownProvince(db: Db, provinceId: string) {
  const [p] = await db.select({ id: provinces.id }).from(provinces).where(eq(provinces.id, provinceId)).limit(1);
  if (!p) throw new ApiError(404, "unknown_province", "Không tìm thấy tỉnh này.");
}

export async function feedbackOptions(db: Db, provinceId: string) {
  await knownProvince(db, provinceId);
  const areas = await db
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(and(eq(agencies.provinceId, provinceId), eq(agencies.level, "commune")));
  const districts = areas.map((a) => ({ id: a.id, name: areaName(a.name) })).sort((a, b) => a.name.localeCompare(b.name, "vi"));
  return { categories: FEEDBACK_CATEGORIES.map((x) => ({ id: x.id, label: x.label })), districts };
}

export async function publicFeedbackPage(
  db: Db,
  provinceId: string,
  { q, category, before }: { q?: string; category?: string; before?: number },
  media: MediaContext,
) {
  await knownProvince(db, provinceId);
  // Every word typed must start a word of the feedback, diacritics optional.
  const words = q ? searchWords(q).split(" ").filter(Boolean).slice(0, 6) : [];
  const rows = await selectFeedback(db)
    .where(
      and(
        eq(feedback.provinceId, provinceId),
        inArray(feedback.status, PUBLIC_STATUSES),
        category ? eq(feedback.category, category) : undefined,
        before ? lt(feedback.id, before) : undefined,
        ...words.map((w) => like(feedback.searchText, `% ${w}%`)),
      ),
    )
    .orderBy(desc(feedback.id))
    .limit(PUBLIC_PAGE + 1);
  const page = rows.slice(0, PUBLIC_PAGE);
  return {
    feedback: await Promise.all(page.map((r) => publicFeedbackView(r, media))),
    nextBefore: rows.length > PUBLIC_PAGE ? page[page.length - 1]!.row.id : null,
  };
}

/** One answered feedback of the province; anything else is "not found". */
export async function publicFeedback(db: Db, provinceId: string, id: number): Promise<FeedbackRecord> {
  const found = await loadFeedback(db, id);
  if (!found || found.row.provinceId !== provinceId || !(PUBLIC_STATUSES as readonly string[]).includes(found.row.status)) {
    throw new ApiError(404, "feedback_not_found", "Không tìm thấy phản ánh này hoặc phản ánh chưa có trả lời.");
  }
  return found;
}
