/** A broadcast's live counts (what its sender sees while it goes out), and who on the staff may see them. */
import { and, eq } from "drizzle-orm";
import { broadcasts, officers } from "../db/schema";
import type { Db } from "../env";
import { ApiError } from "../errors";
import type { StaffProfile } from "./staff";

export type BroadcastCounts = { targeted: number; sentByZalo: number; inAppOnly: number; deferred: number; failed: number };

const counts = {
  targeted: broadcasts.targeted,
  sentByZalo: broadcasts.sentByZalo,
  inAppOnly: broadcasts.inAppOnly,
  deferred: broadcasts.deferred,
  failed: broadcasts.failed,
};

/** The counts of one send; an alert's identifier and a news id are looked up in that order. */
export async function broadcastCounts(db: Db, provinceId: string, subject: string, kind?: "alert" | "news"): Promise<BroadcastCounts | null> {
  for (const k of kind ? [kind] : (["alert", "news"] as const)) {
    const [row] = await db
      .select(counts)
      .from(broadcasts)
      .where(and(eq(broadcasts.provinceId, provinceId), eq(broadcasts.kind, k), eq(broadcasts.subject, subject)))
      .limit(1);
    if (row) return row;
  }
  return null;
}

/** Alerts' counts are for those who send alerts (province admins), news counts for holders of `communications`. */
export async function requireBroadcastViewer(db: Db, profile: StaffProfile, kind: "alert" | "news"): Promise<void> {
  if (profile.role === "province_admin") return;
  const [row] =
    kind === "alert"
      ? []
      : await db
          .select({ permissions: officers.permissions })
          .from(officers)
          .where(and(eq(officers.provinceId, profile.provinceId), eq(officers.id, profile.officerId)))
          .limit(1);
  const needed = kind === "alert" ? "a province admin's role" : "the communications permission";
  if (!row?.permissions.includes("communications")) {
    throw new ApiError(403, "forbidden", "Ông/bà không có quyền xem số liệu gửi tin này.", undefined, `needs ${needed}`);
  }
}
