import { lazy, Suspense } from "react";
import { STATUS } from "../../../../worker/src/domain/status";
import type { DossierView } from "../../api/types";
import { ErrorBoundary } from "../../components/ErrorBoundary";
import { formatDate } from "../../domain/dates";
import { formatVnd } from "../../domain/money";
import { messages } from "../../messages";

// How to pay (a QR, the bank details, the desk) is only for a dossier waiting for its fee: loaded when one is shown.
const FeePayment = lazy(() => import("./FeePayment"));

/** "What do I do now?": the first thing an elderly citizen wants to know, in one card. */
export function NextSteps({ view, hotline }: { view: DossierView; hotline: string | null }) {
  const m = messages.nextSteps;
  const owner = view.view === "owner" ? view : null;
  const note = owner?.statusNote ?? null;
  const code = view.status.code;

  let body: React.ReactNode;
  if (code === STATUS.SUPPLEMENT_REQUESTED) {
    body = owner?.missingDocuments ? (
      <>
        <p>{m.supplementDocuments}</p>
        <ul className="documents">
          {owner.missingDocuments.documents.map((document) => (
            <li key={document}>{document}</li>
          ))}
        </ul>
        {owner.missingDocuments.deadline && (
          <p className="emphasis">{m.supplementDeadline(formatDate(owner.missingDocuments.deadline))}</p>
        )}
        <p>{m.supplementWhere(view.agency.name)}</p>
      </>
    ) : (
      <p>{owner ? messages.status[code]?.meaning : m.supplementLocked}</p>
    );
  } else if (code === STATUS.FEE_DUE) {
    const fee = owner?.fee;
    // The amount alone while the rest loads, or if it cannot (offline before it was ever downloaded).
    const amount = fee && <p className="emphasis">{m.feeAmount(formatVnd(fee.amountVnd))}</p>;
    body = !owner ? (
      <p>{m.feeLocked}</p>
    ) : fee ? (
      <ErrorBoundary fallback={() => amount}>
        <Suspense fallback={amount}>
          <FeePayment code={view.code} fee={fee} place={view.agency} />
        </Suspense>
      </ErrorBoundary>
    ) : (
      <p className="emphasis">{m.feeUnknown}</p>
    );
  } else if (code === STATUS.RESULT_READY) {
    body = <p className="emphasis">{m.pickUp(view.agency.name)}</p>;
  } else if (code === STATUS.RETURNED) {
    body = <p>{m.returned}</p>;
  } else if (code === STATUS.REFUSED || code === STATUS.WITHDRAWN || code === STATUS.STOPPED) {
    body = (
      <>
        {note ? <p>{m.reason(note)}</p> : <p>{m.closed}</p>}
        {hotline && <p>{m.callHotline(hotline)}</p>}
      </>
    );
  } else {
    body = <p>{m.nothing}</p>;
  }

  const isClosed = code === STATUS.REFUSED || code === STATUS.WITHDRAWN || code === STATUS.STOPPED;
  return (
    <section className={`card next-steps${view.mustAct ? " next-steps-act" : ""}`} aria-labelledby="next-title">
      <h2 id="next-title" className="card-title">
        {messages.dossier.nextStepsTitle}
      </h2>
      {body}
      {note && !isClosed && <p className="officer-note">{m.officerNote(note)}</p>}
    </section>
  );
}
