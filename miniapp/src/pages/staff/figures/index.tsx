/**
 * /staff/figures — the leaders' figures on a phone: the on-time and satisfaction rates large, each with its trend
 * over 12 months, overdue now; the groups of the level ranked by on-time rate; the province's agencies, then an
 * agency's departments (`?agencyId=`), then a department's procedures (`&departmentId=`), each a tap down with the
 * way back above; the feedback figures; every table exportable as CSV. Province admins start at the province,
 * department heads at their own department (the server holds each to their scope). The period is in the address
 * (`period`, and `from`/`to` when chosen by hand), so back and forward keep it.
 */
import { type ReactNode, Suspense } from "react";
import { useRecoilValue } from "recoil";
import type { FiguresQuery } from "../../../api/figures";
import type { Me } from "../../../api/types";
import { ErrorBoundary } from "../../../components/ErrorBoundary";
import { FeedbackFigures, GroupsFigures, Headlines, MonthsFigures } from "../../../components/figures/FiguresSections";
import { EmptyState, ErrorState, errorMessage } from "../../../components/Notice";
import { Page } from "../../../components/Page";
import { SignedIn } from "../../../components/SignedIn";
import { SkeletonCard } from "../../../components/Skeleton";
import { type FiguresLevel, levelOf, vnToday } from "../../../domain/figures";
import { useNavigate } from "../../../navigation";
import { locationState, useOutcome } from "../../../state";
import { meState } from "../../../state/account";
import { staffFiguresState } from "../../../state/figures";
import { figuresAddress, readPeriod } from "./address";
import { Breadcrumb } from "./Breadcrumb";
import { CsvExport } from "./CsvExport";
import { figuresMessages as t } from "./figures-messages";
import { PeriodChooser } from "./PeriodChooser";
import "../../../components/figures/figures.css";

export default function StaffFiguresPage() {
  return (
    <Page title={t.title}>
      <SignedIn>
        <Dashboard />
      </SignedIn>
    </Page>
  );
}

/** Each part loads, and fails, on its own. */
function Part({ children }: { children: ReactNode }) {
  return (
    <ErrorBoundary fallback={(error) => <ErrorState message={errorMessage(error)} />}>
      <Suspense fallback={<SkeletonCard lines={3} />}>{children}</Suspense>
    </ErrorBoundary>
  );
}

type Staff = NonNullable<Me["staff"]>;

/** The level to show: the address's for a province admin; a department head's own department whatever it says. */
function levelFor(staff: Staff, params: URLSearchParams): FiguresLevel | null {
  if (staff.role === "province_admin") return levelOf({ agencyId: params.get("agencyId"), departmentId: params.get("departmentId") });
  if (staff.role === "department_head" && staff.department) {
    return { level: "department", groupBy: "procedure", departmentId: staff.department.id, agencyId: staff.department.agencyId ?? undefined };
  }
  return null;
}

function Dashboard() {
  const me = useOutcome(meState);
  const { search } = useRecoilValue(locationState);
  const navigate = useNavigate();
  if (!me.staff) return <EmptyState>{t.notLinked}</EmptyState>;
  const params = new URLSearchParams(search);
  const level = levelFor(me.staff, params);
  if (!level) return <EmptyState>{t.leadersOnly}</EmptyState>;
  const today = vnToday();
  const period = readPeriod(params, today);
  const filters = level.level === "department" ? { departmentId: level.departmentId } : level.level === "agency" ? { agencyId: level.agencyId } : {};
  const groupsQuery: FiguresQuery = { groupBy: level.groupBy, from: period.from, to: period.to, ...filters };
  const read = (query: FiguresQuery) => staffFiguresState(query);
  const nextLevel = (key: string): string | undefined => {
    if (level.level === "province") return figuresAddress({ agencyId: key }, period);
    if (level.level === "agency") return figuresAddress({ agencyId: level.agencyId, departmentId: key }, period);
    return undefined;
  };
  return (
    <div className="stack">
      <Part>
        <Breadcrumb staff={me.staff} level={level} period={period} />
      </Part>
      <PeriodChooser
        period={period}
        today={today}
        onChange={(next) => navigate(figuresAddress(level.level === "province" ? {} : { ...filters, agencyId: level.agencyId }, next), { replace: true })}
      />
      <Part>
        <Headlines read={read} query={groupsQuery} />
      </Part>
      <Part>
        <GroupsFigures
          read={read}
          query={groupsQuery}
          title={t.levelTitles[level.level]}
          hint={level.level === "department" ? undefined : t.tapToOpen[level.level]}
          nextLevel={nextLevel}
          exportAs={(query) => <CsvExport query={query} />}
        />
      </Part>
      <Part>
        <FeedbackFigures read={read} query={groupsQuery} />
      </Part>
      <Part>
        <MonthsFigures read={read} query={groupsQuery} exportAs={(query) => <CsvExport query={query} />} />
      </Part>
    </div>
  );
}
