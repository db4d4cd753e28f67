/**
 * /alert?id=… — one emergency alert as it stands now (an old id shows the latest Update, or that it was
 * cancelled): what to do first and large, then the situation, where, from when to when, who sent it, and the
 * hotline. A cancelled or expired alert says plainly that the danger is over.
 */
import { Suspense, useMemo } from "react";
import { useRecoilValue, useRecoilValueLoadable } from "recoil";
import type { AlertMessage } from "../../api/broadcasts";
import { Fact } from "../../components/Fact";
import { HotlineCall } from "../../components/Hotline";
import { ErrorBoundary } from "../../components/ErrorBoundary";
import { ErrorState, ReadFailed } from "../../components/Notice";
import { Page } from "../../components/Page";
import { LoadingRegion, SkeletonCard } from "../../components/Skeleton";
import { alertTone } from "../../domain/alerts";
import { formatDateTime } from "../../domain/dates";
import { Link } from "../../navigation";
import { locationState, provinceState, useOutcome } from "../../state";
import { type AlertKey, alertState, communesState } from "../../state/broadcasts";
import { messages } from "../../messages";
import "../../styles/broadcasts.css";
import { alertMessages as t } from "./messages";

export default function AlertPage() {
  const { search, key: visit } = useRecoilValue(locationState);
  const id = useMemo(() => new URLSearchParams(search).get("id") ?? "", [search]);
  const alertKey = useMemo(() => ({ alertId: id, visit }), [id, visit]);
  return (
    <Page title={t.title}>
      {/^[1-9]\d{0,15}$/.test(id) ? (
        <ErrorBoundary key={id} fallback={(error, reset) => <ReadFailed state={alertState(alertKey)} error={error} reset={reset} />}>
          <Suspense
            fallback={
              <LoadingRegion label={messages.app.loading}>
                <SkeletonCard lines={2} height={22} />
                <SkeletonCard lines={3} />
              </LoadingRegion>
            }
          >
            <Alert alertKey={alertKey} />
          </Suspense>
        </ErrorBoundary>
      ) : (
        <ErrorState message={t.notFound} />
      )}
    </Page>
  );
}

function Alert({ alertKey }: { alertKey: AlertKey }) {
  const alert = useOutcome(alertState(alertKey));
  const tone = alertTone(alert.severity);
  const over = alert.state !== "active";
  const area = useAreaNames(alert);
  const issuer = useIssuer(alert);
  return (
    <div className={`stack tone-${tone}`}>
      {over && <p className="card alert-over">{t.over[alert.state]}</p>}
      <section className="card stack" aria-labelledby="alert-headline">
        <span className="alert-level">
          {t.toneLabel[tone]} · {t.severity[alert.severity] ?? alert.severity}
          {!over && t.urgency[alert.urgency] ? ` · ${t.urgency[alert.urgency]}` : ""}
        </span>
        <h2 id="alert-headline" className="alert-headline">
          {alert.headline}
        </h2>
        <p className="muted">{alert.event}</p>
        {alert.msgType === "Update" && !over && (
          <p className="emphasis">
            {t.updated} ({formatDateTime(alert.sent)})
          </p>
        )}
        {alert.state === "cancelled" && alert.note && <p>{alert.note}</p>}
      </section>
      {!over && (
        <section className="card stack" aria-labelledby="alert-todo">
          <h2 id="alert-todo" className="card-title">
            {t.whatToDo}
          </h2>
          <p className="alert-what-to-do preserve-lines">{alert.instruction || t.noInstruction}</p>
        </section>
      )}
      {alert.description && (
        <section className="card stack" aria-labelledby="alert-description">
          <h2 id="alert-description" className="card-title">
            {t.description}
          </h2>
          <p className="preserve-lines">{alert.description}</p>
        </section>
      )}
      <section className="card">
        <dl className="facts">
          <Fact label={t.area} value={area} />
          <Fact label={t.effective} value={formatDateTime(alert.effective)} />
          {alert.expires && <Fact label={t.expires} value={formatDateTime(alert.expires)} />}
          <Fact label={t.sentBy} value={issuer} />
          <Fact label={t.sentAt} value={formatDateTime(alert.sent)} />
        </dl>
      </section>
      <HotlineCall label={t.hotline} variant={over ? "secondary" : "primary"} />
      <Link to="/communes" className="text-link">
        {t.chooseCommunes}
      </Link>
    </div>
  );
}

/** The areas as the sender described them, and the communes by name once the province's list is in. */
function useAreaNames(alert: AlertMessage): string {
  const communes = useRecoilValueLoadable(communesState).valueMaybe();
  const names = communes?.ok ? new Map(communes.value.map((c) => [c.code, c.name])) : null;
  const codes = [...new Set(alert.areas.flatMap((a) => a.communes))];
  const listed = names ? codes.map((code) => names.get(code)).filter((n): n is string => !!n) : [];
  const described = alert.areaDesc;
  const extra = listed.filter((name) => !described.includes(name));
  return extra.length ? `${described} (${extra.join(", ")})` : described;
}

/** Who sent it: the CAP sender's name when the API gives it, else the province. */
function useIssuer(alert: AlertMessage): string {
  const province = useRecoilValueLoadable(provinceState).valueMaybe();
  const named = "senderName" in alert && typeof alert.senderName === "string" ? alert.senderName : null;
  return named || province?.name || "";
}
