/**
 * "Hồ sơ đã xem trên máy này": the dossiers kept on the phone, newest first, what is kept and for how long, and
 * "Quên hồ sơ trên máy này" for a family phone passed on to someone else (asked first: it cannot be undone).
 */
import { Suspense, useState } from "react";
import { useRecoilState } from "recoil";
import { ConfirmAction } from "../../components/ConfirmAction";
import { ChevronIcon } from "../../components/icons";
import { EmptyState, InlineAlert } from "../../components/Notice";
import { LoadingRegion, SkeletonCard } from "../../components/Skeleton";
import { formatDateTime } from "../../domain/dates";
import { dossierPath } from "../../domain/dossier-link";
import { dossierSituation, lastChanged } from "../../domain/dossier-situation";
import { forgetAllDossiers } from "../../domain/saved-dossiers";
import { messages } from "../../messages";
import { Link } from "../../navigation";
import { savedDossiersState } from "../../state";

export function SavedDossiers() {
  return (
    <section aria-labelledby="saved-title" className="stack">
      <h2 id="saved-title" className="section-title">
        {messages.home.savedTitle}
      </h2>
      <Suspense
        fallback={
          <LoadingRegion label={messages.app.loading}>
            <SkeletonCard lines={1} />
          </LoadingRegion>
        }
      >
        <SavedList />
      </Suspense>
    </section>
  );
}

function SavedList() {
  const [saved, setSaved] = useRecoilState(savedDossiersState);
  const [forgotten, setForgotten] = useState(false);
  if (saved.length === 0) {
    return (
      <>
        {forgotten && <InlineAlert tone="success">{messages.home.forgotAll}</InlineAlert>}
        <EmptyState>{messages.home.savedEmpty}</EmptyState>
      </>
    );
  }
  const forgetAll = () => {
    setSaved(forgetAllDossiers());
    setForgotten(true);
  };
  return (
    <>
      <ul className="saved-list">
        {saved.map(({ code, view }) => {
          // What the dossier page's top would say today (a copy kept here turns overdue when its day passes).
          const status = dossierSituation(view, new Date());
          return (
            <li key={code}>
              <Link to={dossierPath({ code })} className={`saved-item tone-${status.tone}`}>
                <span className="saved-text">
                  <span className="saved-status">
                    <span className="status-dot" aria-hidden="true" />
                    {status.title}
                  </span>
                  <span className="saved-code">{code}</span>
                  <span className="muted">{view.agency.name}</span>
                  <span className="muted">{messages.home.savedUpdatedAt(formatDateTime(lastChanged(view)))}</span>
                </span>
                <ChevronIcon />
              </Link>
            </li>
          );
        })}
      </ul>
      <p className="muted">{messages.home.savedKeptNote}</p>
      <ConfirmAction
        label={messages.home.forgetAll}
        question={messages.home.forgetAllQuestion}
        detail={messages.home.forgetAllDetail}
        confirmLabel={messages.home.forgetAllConfirm}
        variant="tertiary"
        onConfirm={forgetAll}
      />
    </>
  );
}
