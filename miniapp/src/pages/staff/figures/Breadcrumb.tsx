/**
 * Where in the drill-down the leader is, each level above a link back up: "Toàn tỉnh › Sở … › Phòng …". The names
 * come from the level above's figures (read already on the way down; read now when the address was opened
 * directly). A department head sees only their department.
 */
import type { ReactNode } from "react";
import type { Me } from "../../../api/types";
import type { FiguresLevel } from "../../../domain/figures";
import { Link } from "../../../navigation";
import { useOutcome } from "../../../state";
import { staffFiguresState } from "../../../state/figures";
import { figuresMessages as t } from "./figures-messages";
import { type ChosenPeriod, figuresAddress } from "./address";

type Crumb = { key: string; name: ReactNode; to?: string };

export function Breadcrumb({ staff, level, period }: { staff: NonNullable<Me["staff"]>; level: FiguresLevel; period: ChosenPeriod }) {
  if (staff.role !== "province_admin") return <Crumbs crumbs={[{ key: "department", name: staff.department?.name ?? t.levelTitles.department }]} />;
  if (level.level === "province") return <Crumbs crumbs={[{ key: "province", name: t.province }]} />;
  return <AdminCrumbs level={level} period={period} />;
}

function AdminCrumbs({ level, period }: { level: Exclude<FiguresLevel, { level: "province" }>; period: ChosenPeriod }) {
  const { from, to } = period;
  const agencies = useOutcome(staffFiguresState({ groupBy: "agency", from, to }));
  const crumbs: Crumb[] = [{ key: "province", name: t.province, to: figuresAddress({}, period) }];
  const { agencyId } = level;
  if (agencyId) {
    const name = agencies.groups.find((g) => g.key === agencyId)?.name ?? agencyId;
    crumbs.push({ key: "agency", name, to: level.level === "department" ? figuresAddress({ agencyId }, period) : undefined });
  }
  if (level.level === "department") {
    crumbs.push({
      key: "department",
      name: agencyId ? <DepartmentName agencyId={agencyId} departmentId={level.departmentId} period={period} /> : level.departmentId,
    });
  }
  return <Crumbs crumbs={crumbs} />;
}

function DepartmentName({ agencyId, departmentId, period }: { agencyId: string; departmentId: string; period: ChosenPeriod }) {
  const departments = useOutcome(staffFiguresState({ groupBy: "department", agencyId, from: period.from, to: period.to }));
  return <>{departments.groups.find((g) => g.key === departmentId)?.name ?? departmentId}</>;
}

function Crumbs({ crumbs }: { crumbs: Crumb[] }) {
  return (
    <nav className="breadcrumb" aria-label={t.where}>
      <ol>
        {crumbs.map((crumb) => (
          <li key={crumb.key}>
            {crumb.to ? (
              <Link to={crumb.to}>{crumb.name}</Link>
            ) : (
              <span aria-current="location" className="breadcrumb-here">
                {crumb.name}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
