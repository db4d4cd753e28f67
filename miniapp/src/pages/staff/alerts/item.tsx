/**
 * /staff/alerts/item?id=… — one alert as its sender follows it: what it says now, its state, the delivery counts
 * of its latest message read again every few seconds while the page is open, "Cập nhật nội dung" (the form,
 * filled) and "Hủy cảnh báo" with a confirmation and an optional note.
 */
import { useMemo, useState } from "react";
import { useRecoilValue, useSetRecoilState } from "recoil";
import { STAFF_ALERT_LIMITS } from "../../../../../worker/src/domain/limits";
import { cancelAlert, getDeliveries, type StaffAlert } from "../../../api/staff-broadcasts";
import { ConfirmAction } from "../../../components/ConfirmAction";
import { errorMessage, ErrorState, InlineAlert } from "../../../components/Notice";
import { Page } from "../../../components/Page";
import { SignedIn } from "../../../components/SignedIn";
import { formatDateTime } from "../../../domain/dates";
import { severityTone } from "../../../domain/staff-broadcasts";
import { Link, useNavigate } from "../../../navigation";
import { locationState, useOutcome } from "../../../state";
import { accountVersionState } from "../../../state/account";
import { staffAlertsState } from "../../../state/staff-broadcasts";
import { broadcastMessages as t } from "../broadcast-messages";
import { LiveDeliveryCounts } from "../DeliveryCounts";
import { TextField } from "../TextField";
import "../broadcasts.css";

export default function StaffAlertPage() {
  const { search } = useRecoilValue(locationState);
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const id = Number(params.get("id"));
  return (
    <Page title={t.alerts.title}>
      <SignedIn>
        {Number.isInteger(id) && id > 0 ? <AlertView key={id} id={id} sent={params.get("sent")} /> : <ErrorState message={t.alerts.notFound} />}
      </SignedIn>
    </Page>
  );
}

/** What the page says when it opens right after a message was sent (`sent=` in its address). */
const SENT: Record<string, string> = { alert: t.alerts.sent, update: t.alerts.updated, cancel: t.alerts.cancelled };

/** The alert this id names: its current message, or an older message of its thread. */
const alertOf = (alerts: StaffAlert[], id: number) => alerts.find((a) => a.id === id);

function AlertView({ id, sent }: { id: number; sent: string | null }) {
  const alert = alertOf(useOutcome(staffAlertsState), id);
  const navigate = useNavigate();
  const bump = useSetRecoilState(accountVersionState);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(
    sent ? { tone: "success", text: SENT[sent] ?? t.alerts.sent } : null,
  );
  if (!alert) return <ErrorState message={t.alerts.notFound} />;

  const cancel = async () => {
    setBusy(true);
    setNotice(null);
    try {
      const result = await cancelAlert(alert.id, note.trim() || undefined);
      bump((n) => n + 1);
      navigate(`/staff/alerts/item?id=${result.id}&sent=cancel`, { replace: true });
    } catch (failure) {
      setNotice({ tone: "error", text: errorMessage(failure) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack">
      <section className={`card stack alert-card alert-${severityTone(alert.severity)}`} aria-labelledby="alert-headline">
        <p className="badge-status">{t.alerts.states[alert.state]}</p>
        <p className="alert-chip">{t.alerts.severity[alert.severity] ?? alert.severity}</p>
        <h2 id="alert-headline" className="card-title">
          {alert.headline}
        </h2>
        <p className="muted">
          {alert.event} · {alert.areaDesc}
        </p>
        {alert.instruction && <p className="preserve-lines">{alert.instruction}</p>}
        {alert.description && <p className="preserve-lines muted">{alert.description}</p>}
        <p className="muted">{t.alerts.sentAt(formatDateTime(alert.sent))}</p>
        {alert.expires && <p className="muted">{t.alerts.until(formatDateTime(alert.expires))}</p>}
        {alert.note && <p>{t.alerts.note(alert.note)}</p>}
      </section>
      {notice && <InlineAlert tone={notice.tone}>{notice.text}</InlineAlert>}
      <div className="card">
        <LiveDeliveryCounts subject={alert.identifier} load={() => getDeliveries("alert", alert.identifier)} />
      </div>
      {alert.state === "active" && (
        <>
          <Link to={`/staff/alerts/compose?id=${alert.id}`} className="button-link button-link-secondary">
            {t.alerts.update}
          </Link>
          <TextField id="alert-cancel-note" label={t.alerts.cancelNoteLabel} value={note} onChange={setNote} maxLength={STAFF_ALERT_LIMITS.cancelNote} />
          <ConfirmAction
            label={t.alerts.cancel}
            question={t.alerts.cancelQuestion}
            detail={t.alerts.cancelDetail}
            confirmLabel={t.alerts.cancelConfirm}
            onConfirm={cancel}
            busy={busy}
          />
        </>
      )}
    </div>
  );
}
