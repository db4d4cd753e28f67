/**
 * /staff/alerts/compose[?id=…] — a province admin writes an emergency alert (or, with an alert's id, its update,
 * the form filled with what it says now): the event, a headline, severity, urgency and certainty in plain words,
 * the communes, what people must do, details, until when. Before anything is sent the admin reads how many people
 * it will reach and confirms; then the alert's page follows its delivery.
 */
import { useMemo, useState, type FormEvent } from "react";
import { Button } from "zmp-ui";
import { useRecoilValue, useSetRecoilState } from "recoil";
import { STAFF_ALERT_LIMITS } from "../../../../../worker/src/domain/limits";
import { type AlertInput, alertReach, sendAlert, type StaffAlert, updateAlert } from "../../../api/staff-broadcasts";
import { errorMessage, ErrorState, InlineAlert } from "../../../components/Notice";
import { Page } from "../../../components/Page";
import { SignedIn } from "../../../components/SignedIn";
import { formatDateTime } from "../../../domain/dates";
import { fromVnInput, vnInputValue } from "../../../domain/staff-broadcasts";
import { useNavigate } from "../../../navigation";
import { locationState, useOutcome } from "../../../state";
import { accountVersionState } from "../../../state/account";
import { provinceCommunesState, staffAlertsState } from "../../../state/staff-broadcasts";
import { broadcastMessages as t } from "../broadcast-messages";
import { TextField, VnTimeField } from "../TextField";
import { CommunePicker } from "./CommunePicker";
import "../broadcasts.css";

const SEVERITIES = ["Extreme", "Severe", "Moderate", "Minor", "Unknown"] as const;
const URGENCIES = ["Immediate", "Expected", "Future", "Past", "Unknown"] as const;
const CERTAINTIES = ["Observed", "Likely", "Possible", "Unlikely", "Unknown"] as const;
/** How long a new alert lasts unless the admin says otherwise. */
const DEFAULT_HOURS = 12;

export default function ComposeAlertPage() {
  const { search } = useRecoilValue(locationState);
  const id = useMemo(() => Number(new URLSearchParams(search).get("id")) || null, [search]);
  return (
    <Page title={id ? t.alerts.updateTitle : t.alerts.compose}>
      <SignedIn>{id ? <UpdateOf id={id} /> : <AlertForm alert={null} />}</SignedIn>
    </Page>
  );
}

function UpdateOf({ id }: { id: number }) {
  const alert = useOutcome(staffAlertsState).find((a) => a.id === id && a.state === "active");
  return alert ? <AlertForm alert={alert} /> : <ErrorState message={t.alerts.notFound} />;
}

function Select({
  id,
  label,
  value,
  values,
  labels,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  values: readonly string[];
  labels: Record<string, string>;
  onChange: (v: string) => void;
}) {
  return (
    <>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="text-input" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">—</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {labels[v]}
          </option>
        ))}
      </select>
    </>
  );
}

function AlertForm({ alert }: { alert: StaffAlert | null }) {
  const communes = useOutcome(provinceCommunesState);
  const navigate = useNavigate();
  const bump = useSetRecoilState(accountVersionState);
  const [event, setEvent] = useState(alert?.event ?? "");
  const [headline, setHeadline] = useState(alert?.headline ?? "");
  const [severity, setSeverity] = useState(alert?.severity ?? "");
  const [urgency, setUrgency] = useState(alert?.urgency ?? "");
  const [certainty, setCertainty] = useState(alert?.certainty ?? "");
  const [chosen, setChosen] = useState<string[]>(alert?.areas.flatMap((a) => a.communes) ?? []);
  const [areaDesc, setAreaDesc] = useState(alert?.areaDesc ?? "");
  const [instruction, setInstruction] = useState(alert?.instruction ?? "");
  const [description, setDescription] = useState(alert?.description ?? "");
  const [expires, setExpires] = useState(vnInputValue(alert?.expires ?? new Date(Date.now() + DEFAULT_HOURS * 3_600_000)));
  const [review, setReview] = useState<{ input: AlertInput; targeted: number | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const check = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!event.trim() || !headline.trim() || !instruction.trim() || !severity || !urgency || !certainty || chosen.length === 0)
      return setError(t.alerts.missing);
    const until = fromVnInput(expires);
    if (!until || Date.parse(until) <= Date.now()) return setError(t.alerts.expiresPast);
    const input = {
      event: event.trim(),
      headline: headline.trim(),
      instruction: instruction.trim(),
      severity,
      urgency,
      certainty,
      communes: chosen,
      expires: until,
      ...(description.trim() ? { description: description.trim() } : {}),
      ...(areaDesc.trim() ? { areaDesc: areaDesc.trim() } : {}),
    } as AlertInput;
    setError(null);
    setBusy(true);
    try {
      setReview({ input, targeted: (await alertReach(chosen)).targeted });
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const send = async () => {
    if (!review || busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = alert ? await updateAlert(alert.id, review.input) : await sendAlert(review.input);
      bump((n) => n + 1);
      navigate(`/staff/alerts/item?id=${result.id}&sent=${alert ? "update" : "alert"}`, { replace: true });
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  if (review) {
    return (
      <section className="confirm-panel stack" aria-labelledby="alert-review">
        <h2 id="alert-review" className="card-title">
          {t.alerts.sendQuestion}
        </h2>
        <p className={`alert-chip tone-${review.input.severity}`}>{t.alerts.severity[review.input.severity]}</p>
        <p className="emphasis">{review.input.headline}</p>
        <p>{review.input.instruction}</p>
        <p className="muted">
          {communes
            .filter((c) => review.input.communes.includes(c.code))
            .map((c) => c.name)
            .join(", ")}
        </p>
        <p className="muted">{t.alerts.until(formatDateTime(review.input.expires))}</p>
        <p className="reach" data-targeted={review.targeted ?? ""}>
          {review.targeted === null ? t.alerts.reachUnknown : t.alerts.reach(review.targeted)}
        </p>
        {error && <InlineAlert>{error}</InlineAlert>}
        <div className="actions">
          <Button fullWidth size="large" type="danger" loading={busy} onClick={() => void send()}>
            {alert ? t.alerts.sendUpdate : t.alerts.send}
          </Button>
          <Button fullWidth size="large" variant="secondary" disabled={busy} onClick={() => setReview(null)}>
            {t.alerts.back}
          </Button>
        </div>
      </section>
    );
  }

  return (
    <form className="stack" onSubmit={check} noValidate>
      <TextField
        id="alert-event"
        label={t.alerts.eventLabel}
        value={event}
        onChange={setEvent}
        maxLength={STAFF_ALERT_LIMITS.event}
        note={t.alerts.eventHint}
      />
      <TextField id="alert-headline" label={t.alerts.headlineLabel} value={headline} onChange={setHeadline} maxLength={STAFF_ALERT_LIMITS.headline} />
      <Select id="alert-severity" label={t.alerts.severityLabel} value={severity} values={SEVERITIES} labels={t.alerts.severity} onChange={setSeverity} />
      <Select id="alert-urgency" label={t.alerts.urgencyLabel} value={urgency} values={URGENCIES} labels={t.alerts.urgency} onChange={setUrgency} />
      <Select id="alert-certainty" label={t.alerts.certaintyLabel} value={certainty} values={CERTAINTIES} labels={t.alerts.certainty} onChange={setCertainty} />
      <CommunePicker communes={communes} chosen={chosen} onChange={setChosen} />
      <TextField id="alert-area" label={t.alerts.areaLabel} value={areaDesc} onChange={setAreaDesc} maxLength={STAFF_ALERT_LIMITS.areaDesc} />
      <TextField
        id="alert-instruction"
        label={t.alerts.instructionLabel}
        value={instruction}
        onChange={setInstruction}
        rows={4}
        maxLength={STAFF_ALERT_LIMITS.instruction}
      />
      <TextField
        id="alert-description"
        label={t.alerts.descriptionLabel}
        value={description}
        onChange={setDescription}
        rows={4}
        maxLength={STAFF_ALERT_LIMITS.description}
      />
      <VnTimeField id="alert-expires" label={t.alerts.expiresLabel} value={expires} onChange={setExpires} said={t.alerts.until} />
      {error && <InlineAlert>{error}</InlineAlert>}
      <Button htmlType="submit" fullWidth size="large" loading={busy}>
        {t.alerts.review}
      </Button>
    </form>
  );
}
