/**
 * /staff/alerts — province admins: "Soạn cảnh báo mới", the province's active alerts and those ended lately, each
 * opening its page with the delivery counts, update and cancel.
 */
import type { StaffAlert } from "../../../api/staff-broadcasts";
import { ChevronIcon } from "../../../components/icons";
import { EmptyState } from "../../../components/Notice";
import { Page } from "../../../components/Page";
import { SignedIn } from "../../../components/SignedIn";
import { formatDateTime } from "../../../domain/dates";
import { severityTone } from "../../../domain/staff-broadcasts";
import { Link } from "../../../navigation";
import { useOutcome } from "../../../state";
import { staffAlertsState } from "../../../state/staff-broadcasts";
import { broadcastMessages as t } from "../broadcast-messages";
import "../broadcasts.css";

export default function StaffAlertsPage() {
  return (
    <Page title={t.alerts.title}>
      <SignedIn>
        <Alerts />
      </SignedIn>
    </Page>
  );
}

function Alerts() {
  const alerts = useOutcome(staffAlertsState);
  const active = alerts.filter((a) => a.state === "active");
  const ended = alerts.filter((a) => a.state !== "active");
  return (
    <div className="stack">
      <Link to="/staff/alerts/compose" className="button-link">
        {t.alerts.compose}
      </Link>
      <h2 className="section-title">{t.alerts.active}</h2>
      {active.length === 0 ? <EmptyState>{t.alerts.empty}</EmptyState> : <AlertLinks alerts={active} />}
      {ended.length > 0 && (
        <>
          <h2 className="section-title">{t.alerts.recent}</h2>
          <AlertLinks alerts={ended} />
        </>
      )}
    </div>
  );
}

function AlertLinks({ alerts }: { alerts: StaffAlert[] }) {
  return (
    <div className="link-list">
      {alerts.map((a) => (
        <Link key={a.id} to={`/staff/alerts/item?id=${a.id}`} className={`link-row alert-row alert-${severityTone(a.severity)}`}>
          <span className="link-row-text">
            <span className="link-row-title">{a.headline}</span>
            <span className="link-row-hint">
              {t.alerts.states[a.state]} · {a.areaDesc}
            </span>
            <span className="link-row-hint">{t.alerts.sentAt(formatDateTime(a.sent))}</span>
          </span>
          <ChevronIcon />
        </Link>
      ))}
    </div>
  );
}
