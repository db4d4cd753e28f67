import { Suspense } from "react";
import { useRecoilValue } from "recoil";
import { ChevronIcon } from "../../components/icons";
import { EmptyState } from "../../components/Notice";
import { LoadingRegion, SkeletonCard } from "../../components/Skeleton";
import { formatDateTime } from "../../domain/dates";
import { dossierPath } from "../../domain/dossier-link";
import { describeStatus } from "../../domain/dossier-wording";
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
  const saved = useRecoilValue(savedDossiersState);
  if (saved.length === 0) return <EmptyState>{messages.home.savedEmpty}</EmptyState>;
  return (
    <ul className="saved-list">
      {saved.map(({ code, view, fetchedAt }) => {
        const status = describeStatus(view.status);
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
                <span className="muted">{messages.home.savedUpdatedAt(formatDateTime(fetchedAt))}</span>
              </span>
              <ChevronIcon />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
