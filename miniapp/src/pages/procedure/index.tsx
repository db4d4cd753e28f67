/** /procedure?code=… — what to bring, what it costs, how long it takes and where to file. */
import { Suspense } from "react";
import { useRecoilValue } from "recoil";
import { ErrorBoundary } from "../../components/ErrorBoundary";
import { ReadFailed } from "../../components/Notice";
import { Page } from "../../components/Page";
import { LoadingRegion, SkeletonCard } from "../../components/Skeleton";
import { formatVnd } from "../../domain/money";
import { messages } from "../../messages";
import { locationState, procedureState, useOutcome } from "../../state";

export default function ProcedurePage() {
  const { search } = useRecoilValue(locationState);
  const code = new URLSearchParams(search).get("code")?.trim() ?? "";
  return (
    <Page title={messages.procedure.title}>
      <ErrorBoundary key={code} fallback={(error, reset) => <ReadFailed state={procedureState(code)} error={error} reset={reset} />}>
        <Suspense
          fallback={
            <LoadingRegion label={messages.app.loading}>
              <SkeletonCard lines={2} height={22} />
              <SkeletonCard lines={4} />
            </LoadingRegion>
          }
        >
          <ProcedureDetails code={code} />
        </Suspense>
      </ErrorBoundary>
    </Page>
  );
}

function ProcedureDetails({ code }: { code: string }) {
  const procedure = useOutcome(procedureState(code));
  const m = messages.procedure;
  const fee = procedure.feeText ?? (procedure.feeVnd === null ? m.feeUnknown : procedure.feeVnd === 0 ? m.feeNone : formatVnd(procedure.feeVnd));
  return (
    <div className="stack">
      <section className="card">
        <h2 className="procedure-heading">{procedure.name}</h2>
        <p className="muted">{m.field(procedure.field)}</p>
        <p className="muted">{m.code(procedure.code)}</p>
      </section>
      <section className="card" aria-labelledby="documents-title">
        <h3 id="documents-title" className="card-title">
          {m.documentsTitle}
        </h3>
        {procedure.documents.length === 0 ? (
          <p>{m.documentsEmpty}</p>
        ) : (
          <ol className="documents numbered">
            {procedure.documents.map((d, i) => (
              <li key={`${d.name}-${i}`}>
                <span>{d.name}</span>
                {d.copies && <span className="muted block">{m.copies(d.copies)}</span>}
                {d.note && <span className="muted block">{d.note}</span>}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="card" aria-labelledby="fee-title">
        <h3 id="fee-title" className="card-title">
          {m.feeTitle}
        </h3>
        <p>{fee}</p>
      </section>
      <section className="card" aria-labelledby="time-title">
        <h3 id="time-title" className="card-title">
          {m.timeTitle}
        </h3>
        <p>{m.legalDays(procedure.legalDays)}</p>
      </section>
      <section className="card" aria-labelledby="where-title">
        <h3 id="where-title" className="card-title">
          {m.whereTitle}
        </h3>
        <p className="preserve-lines">{procedure.whereToFile}</p>
      </section>
    </div>
  );
}
