import { and, asc, eq, gt, inArray, isNull, notInArray, or, type SQL, sql } from "drizzle-orm";
import { agencies, departments, dossiers, officers, procedures, type StaffPermission, type StaffRole, staffLinkCodes, staffLinks } from "../db/schema";
import { deadlineFacts } from "../domain/dossier-view";
import { statusView } from "../domain/status";
import type { Db } from "../env";
import { ApiError } from "../errors";
import { derivedKey, hmac, toBase64Url } from "../security/crypto";

export type StaffProfile = {
  provinceId: string;
  officerId: string;
  displayName: string;
  title: string | null;
  role: StaffRole;
  /** What the officer may do beyond their dossiers: a province admin's own rights and the rights given by name. */
  permissions: EffectivePermission[];
  department: { id: string; name: string | null; agencyId: string | null } | null;
  linkedAt: string;
};

/** Rights in the staff area: writing the province's news (communications), sending alerts (province admins only). */
export const EFFECTIVE_PERMISSIONS = ["communications", "alerts"] as const;
export type EffectivePermission = (typeof EFFECTIVE_PERMISSIONS)[number];

/** Province admins hold every right; officers and department heads only those given to them by name. */
export function effectivePermissions(role: StaffRole, given: readonly StaffPermission[]): EffectivePermission[] {
  if (role === "province_admin") return [...EFFECTIVE_PERMISSIONS];
  return EFFECTIVE_PERMISSIONS.filter((p) => (given as readonly string[]).includes(p));
}

/** The officer linked to this signed-in Zalo account, if any: what decides whether the staff area exists. */
export async function staffProfile(db: Db, citizenId: number): Promise<StaffProfile | null> {
  const [row] = await db
    .select({
      provinceId: staffLinks.provinceId,
      officerId: staffLinks.officerId,
      linkedAt: staffLinks.linkedAt,
      displayName: officers.displayName,
      title: officers.title,
      role: officers.role,
      permissions: officers.permissions,
      departmentId: officers.departmentId,
      departmentName: departments.name,
      departmentAgencyId: departments.agencyId,
    })
    .from(staffLinks)
    .innerJoin(officers, and(eq(officers.provinceId, staffLinks.provinceId), eq(officers.id, staffLinks.officerId)))
    .leftJoin(departments, and(eq(departments.provinceId, officers.provinceId), eq(departments.id, officers.departmentId)))
    .where(eq(staffLinks.citizenId, citizenId))
    .limit(1);
  if (!row) return null;
  return {
    provinceId: row.provinceId,
    officerId: row.officerId,
    displayName: row.displayName,
    title: row.title,
    role: row.role,
    permissions: effectivePermissions(row.role, row.permissions ?? []),
    department: row.departmentId ? { id: row.departmentId, name: row.departmentName, agencyId: row.departmentAgencyId } : null,
    linkedAt: row.linkedAt,
  };
}

/** Link codes: 8 digits, easy to read out and type on a phone; stored only as a keyed hash. */
export const LINK_CODE_TTL_MS = 15 * 60 * 1000;

export function newLinkCode(): string {
  const n = crypto.getRandomValues(new Uint32Array(1))[0]! % 100_000_000;
  return n.toString().padStart(8, "0");
}

export async function linkCodeHash(serverSecret: string, provinceId: string, code: string): Promise<string> {
  return toBase64Url(await hmac(await derivedKey(serverSecret, "staff-link-code"), `link:${provinceId}:${code}`));
}

/**
 * Uses a link code, in one db.batch: claims it (only if unused and unexpired), then moves the officer's link to
 * this Zalo account (an officer has one account, an account is one officer). Every statement after the claim is
 * conditioned on it, so a code that was not usable changes nothing. Returns the officer id, or null.
 */
export async function useLinkCode(db: Db, serverSecret: string, citizenId: number, provinceId: string, code: string, now: Date) {
  const hash = await linkCodeHash(serverSecret, provinceId, code);
  const at = now.toISOString();
  const claimed = sql`EXISTS (SELECT 1 FROM ${staffLinkCodes} WHERE ${staffLinkCodes.codeHash} = ${hash} AND ${staffLinkCodes.usedBy} = ${citizenId} AND ${staffLinkCodes.usedAt} = ${at})`;
  const claimedOfficer = sql`(SELECT ${staffLinkCodes.officerId} FROM ${staffLinkCodes} WHERE ${staffLinkCodes.codeHash} = ${hash})`;
  const [claim] = await db.batch([
    db
      .update(staffLinkCodes)
      .set({ usedAt: at, usedBy: citizenId })
      .where(and(eq(staffLinkCodes.codeHash, hash), eq(staffLinkCodes.provinceId, provinceId), isNull(staffLinkCodes.usedAt), gt(staffLinkCodes.expiresAt, at)))
      .returning({ officerId: staffLinkCodes.officerId }),
    db
      .delete(staffLinks)
      .where(and(claimed, or(eq(staffLinks.citizenId, citizenId), and(eq(staffLinks.provinceId, provinceId), eq(staffLinks.officerId, claimedOfficer))))),
    db.insert(staffLinks).select(
      db
        .select({
          citizenId: sql<number>`${citizenId}`.as("citizen_id"),
          provinceId: staffLinkCodes.provinceId,
          officerId: staffLinkCodes.officerId,
          linkedAt: sql<string>`${at}`.as("linked_at"),
        })
        .from(staffLinkCodes)
        .where(and(eq(staffLinkCodes.codeHash, hash), eq(staffLinkCodes.usedBy, citizenId), eq(staffLinkCodes.usedAt, at))),
    ),
  ]);
  return claim[0]?.officerId ?? null;
}

/** What an officer may see in the staff area: the province (admin), a department (head) or their own (officer). */
export type StaffScope = "province" | "department" | "officer";
export function staffScope(profile: StaffProfile): StaffScope {
  if (profile.role === "province_admin") return "province";
  return profile.role === "department_head" && profile.department ? "department" : "officer";
}

/** The officer, if they hold the right; otherwise the 403 that names what is missing. */
export async function requirePermission(db: Db, citizenId: number, permission: EffectivePermission): Promise<StaffProfile> {
  const profile = await requireStaff(db, citizenId);
  if (!profile.permissions.includes(permission)) {
    const what = permission === "communications" ? "viết và đăng tin của tỉnh" : "gửi cảnh báo khẩn cấp";
    throw new ApiError(403, "permission_required", `Tài khoản cán bộ này chưa được giao quyền ${what}.`, undefined, `needs the ${permission} permission`);
  }
  return profile;
}

export const notStaff = () => new ApiError(403, "not_staff", "Tài khoản Zalo này chưa được liên kết với cán bộ nào.", undefined, "not linked to an officer");

/** The officer linked to this signed-in account, or the 403 that says the account is not linked. */
export async function requireStaff(db: Db, citizenId: number): Promise<StaffProfile> {
  const profile = await staffProfile(db, citizenId);
  if (!profile) throw notStaff();
  return profile;
}

/** The dossiers still in progress in the officer's scope, the soonest due first. */
export async function staffDossiers(db: Db, profile: StaffProfile, now: Date) {
  const scope = staffScope(profile);
  const where: SQL[] = [eq(dossiers.provinceId, profile.provinceId), notInArray(dossiers.status, [3, 7, 8, 9, 10])];
  if (scope === "officer") where.push(eq(dossiers.officerId, profile.officerId));
  if (scope === "department") where.push(inArray(dossiers.departmentId, [profile.department!.id]));
  const rows = await db
    .select({
      code: dossiers.code,
      status: dossiers.status,
      procedureCode: dossiers.procedureCode,
      procedureName: procedures.name,
      agencyId: dossiers.agencyId,
      agencyName: agencies.name,
      officerId: dossiers.officerId,
      officerName: officers.displayName,
      receivedAt: dossiers.receivedAt,
      dueAt: dossiers.dueAt,
      completedAt: dossiers.completedAt,
    })
    .from(dossiers)
    .leftJoin(agencies, eq(agencies.id, dossiers.agencyId))
    .leftJoin(procedures, and(eq(procedures.provinceId, dossiers.provinceId), eq(procedures.code, dossiers.procedureCode)))
    .leftJoin(officers, and(eq(officers.provinceId, dossiers.provinceId), eq(officers.id, dossiers.officerId)))
    .where(and(...where))
    .orderBy(asc(dossiers.dueAt))
    .limit(100);
  return {
    scope,
    dossiers: rows.map((r) => {
      const { overdue, overdueDays } = deadlineFacts(r.status, r.dueAt, r.completedAt, now);
      return {
        code: r.code,
        status: statusView(r.status),
        procedure: { code: r.procedureCode, name: r.procedureName },
        agency: { id: r.agencyId, name: r.agencyName },
        officer: r.officerId ? { id: r.officerId, name: r.officerName } : null,
        receivedAt: r.receivedAt,
        dueAt: r.dueAt,
        overdue,
        overdueDays,
      };
    }),
  };
}

/** A one-time link code for an officer of the province, stored hashed; the code itself is returned once. */
export async function issueLinkCode(db: Db, serverSecret: string, provinceId: string, officerId: string, nowMs: number) {
  const [officer] = await db
    .select({ id: officers.id })
    .from(officers)
    .where(and(eq(officers.provinceId, provinceId), eq(officers.id, officerId)))
    .limit(1);
  if (!officer) throw new ApiError(404, "unknown_officer", `officer ${officerId} is not known in province ${provinceId}: PUT it first`);
  const code = newLinkCode();
  const expiresAt = new Date(nowMs + LINK_CODE_TTL_MS).toISOString();
  await db
    .insert(staffLinkCodes)
    .values({ codeHash: await linkCodeHash(serverSecret, provinceId, code), provinceId, officerId, expiresAt, createdAt: new Date(nowMs).toISOString() })
    .onConflictDoNothing();
  return { officerId, code, expiresAt };
}
