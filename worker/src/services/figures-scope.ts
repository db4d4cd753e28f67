/**
 * Who sees which figures: the public the province's by agency or month; integrators the whole province; in the staff
 * area a province admin the province, a department head their department only (another is 403), an officer none.
 */
import { and, eq } from "drizzle-orm";
import { provinces } from "../db/schema";
import type { Db } from "../env";
import { ApiError } from "../errors";
import type { Figures, FiguresQueryInput } from "../schemas/figures";
import { figures } from "./figures";
import { type StaffProfile, staffScope } from "./staff";

const shape = ({ rowsRead: _, ...f }: Figures & { rowsRead: number }): Figures => f;

export async function integrationFigures(db: Db, provinceId: string, q: FiguresQueryInput, now: Date): Promise<Figures> {
  return shape(await figures(db, provinceId, q, now));
}

export async function publicFigures(db: Db, provinceId: string, q: { groupBy: "agency" | "month"; from?: string; to?: string }, now: Date): Promise<Figures> {
  const [province] = await db
    .select({ id: provinces.id })
    .from(provinces)
    .where(and(eq(provinces.id, provinceId)))
    .limit(1);
  if (!province) throw new ApiError(404, "province_not_found", "Không tìm thấy tỉnh này.", undefined, "unknown province");
  return shape(await figures(db, provinceId, { groupBy: q.groupBy, from: q.from, to: q.to }, now));
}

const notForOfficers = () =>
  new ApiError(403, "figures_not_allowed", "Số liệu chỉ dành cho lãnh đạo phòng ban và quản trị của tỉnh.", undefined, "officers have no figures scope");
const otherDepartment = (field: "agencyId" | "departmentId") =>
  new ApiError(403, "outside_scope", "Ông/bà chỉ xem được số liệu của phòng ban mình.", field, `a department head sees their own department only (${field})`);

export type StaffFigures = Figures & { scope: { level: "province" | "department"; agencyId?: string; departmentId?: string } };

export async function staffFigures(db: Db, p: StaffProfile, q: FiguresQueryInput, now: Date): Promise<StaffFigures> {
  const scope = staffScope(p);
  if (scope === "officer") throw notForOfficers();
  if (scope === "province") {
    const scoped = { level: "province" as const, ...(q.agencyId ? { agencyId: q.agencyId } : {}), ...(q.departmentId ? { departmentId: q.departmentId } : {}) };
    return { ...shape(await figures(db, p.provinceId, q, now)), scope: scoped };
  }
  const department = p.department!;
  if (q.departmentId !== undefined && q.departmentId !== department.id) throw otherDepartment("departmentId");
  if (q.agencyId !== undefined && q.agencyId !== department.agencyId) throw otherDepartment("agencyId");
  const result = shape(await figures(db, p.provinceId, { ...q, agencyId: undefined, departmentId: department.id }, now));
  return { ...result, scope: { level: "department", ...(department.agencyId ? { agencyId: department.agencyId } : {}), departmentId: department.id } };
}
