/** Rights given to officers by name (communications: writing the province's news), managed by province admins. */
import { and, asc, eq } from "drizzle-orm";
import { officers, type StaffPermission, staffLinks } from "../db/schema";
import type { Db } from "../env";
import { ApiError } from "../errors";
import { effectivePermissions, type StaffProfile } from "./staff";

/** Only a province admin manages the rights of their province's officers. */
export function requireProvinceAdmin(profile: StaffProfile): void {
  if (profile.role !== "province_admin") {
    throw new ApiError(403, "province_admin_only", "Chỉ lãnh đạo quản trị của tỉnh mới giao được quyền cho cán bộ.", undefined, "province admins only");
  }
}

const officerColumns = {
  id: officers.id,
  displayName: officers.displayName,
  title: officers.title,
  role: officers.role,
  departmentId: officers.departmentId,
  permissions: officers.permissions,
  linkedBy: staffLinks.citizenId,
};
type OfficerRow = {
  id: string;
  displayName: string;
  title: string | null;
  role: StaffProfile["role"];
  departmentId: string | null;
  permissions: StaffPermission[];
  linkedBy: number | null;
};

const officerView = (r: OfficerRow) => ({
  id: r.id,
  displayName: r.displayName,
  title: r.title,
  role: r.role,
  departmentId: r.departmentId,
  permissions: r.permissions ?? [],
  effectivePermissions: effectivePermissions(r.role, r.permissions ?? []),
  linked: r.linkedBy !== null,
});

const withLink = and(eq(staffLinks.provinceId, officers.provinceId), eq(staffLinks.officerId, officers.id));

export async function provinceOfficers(db: Db, provinceId: string) {
  const rows = await db
    .select(officerColumns)
    .from(officers)
    .leftJoin(staffLinks, withLink)
    .where(eq(officers.provinceId, provinceId))
    .orderBy(asc(officers.displayName), asc(officers.id));
  return rows.map(officerView);
}

/** Replaces the rights given by name to an officer of the province (404 for an officer it does not have). */
export async function setOfficerPermissions(db: Db, provinceId: string, officerId: string, permissions: StaffPermission[], now: Date) {
  const given = [...new Set(permissions)];
  const [updated] = await db
    .update(officers)
    .set({ permissions: given, updatedAt: now.toISOString() })
    .where(and(eq(officers.provinceId, provinceId), eq(officers.id, officerId)))
    .returning({ id: officers.id });
  if (!updated) throw new ApiError(404, "officer_not_found", "Không tìm thấy cán bộ này trong tỉnh.");
  const [row] = await db
    .select(officerColumns)
    .from(officers)
    .leftJoin(staffLinks, withLink)
    .where(and(eq(officers.provinceId, provinceId), eq(officers.id, officerId)));
  return officerView(row!);
}
