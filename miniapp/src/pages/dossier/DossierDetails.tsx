import { lazy, Suspense } from "react";
import { STATUS } from "../../../../worker/src/domain/status";
import type { DossierView, OwnerDossier } from "../../api/types";
import { ErrorBoundary } from "../../components/ErrorBoundary";
import { InlineAlert } from "../../components/Notice";
import { Fact } from "../../components/Fact";
import { CallLink } from "../../components/CallLink";
import { PlaceCard } from "../../components/PlaceCard";
import { formatDate, formatDateTime } from "../../domain/dates";
import { dossierSituation, lastChanged, movedFrom, showsDueDate, type Situation } from "../../domain/dossier-situation";
import { describeDeadline } from "../../domain/dossier-wording";
import { messages } from "../../messages";
import { Link } from "../../navigation";
import { PageActions } from "./PageActions";
import { Timeline } from "./Timeline";
import { UnlockCard } from "./UnlockCard";

// What needs the citizen's account or the survey loads after the status: the top of the page never waits for it.
const FollowCard = lazy(() => import("./FollowCard").then((m) => ({ default: m.FollowCard })));
const RatingPrompt = lazy(() => import("./RatingPrompt").then((m) => ({ default: m.RatingPrompt })));
const VoiceCards = lazy(() => import("./VoiceCards"));
const FeePayment = lazy(() => import("./FeePayment"));

type Props = {
  view: DossierView;
  /** When this copy came from the network (the offline banner says it); the page says when the dossier changed. */
  fetchedAt: string;
  /** Shown from the copy kept on the phone because the network failed: no unlocking then. */
  offline?: boolean;
  /** The page visit this view belongs to (an unlock primes the owner view for the same visit). */
  visit?: string;
  /** The slip or view token that opened the owner view: what following the dossier proves ownership with. */
  ownerToken?: string | null;
};

export function DossierDetails({ view, fetchedAt: _fetchedAt, offline = false, visit, ownerToken = null }: Props) {
  const owner = view.view === "owner" ? view : null;
  // Re-read for today: a copy kept on the phone turns overdue when its day passes.
  const situation = dossierSituation(view, new Date());
  // Past the province's retention the applicant's data is gone: nothing to unlock, follow, ask or rate any more.
  const removed = !!view.personalDataRemovedAt;
  const unlock = !owner && !offline && !removed && visit !== undefined ? <UnlockCard code={view.code} visit={visit} /> : null;
  const live = owner && !offline && !removed;
  const fee = owner?.status.code === STATUS.FEE_DUE && owner.fee?.due ? owner.fee : null;

  return (
    <div className="stack">
      {removed && view.personalDataNotice && <InlineAlert tone="info">{view.personalDataNotice}</InlineAlert>}
      <NowCard view={view} situation={situation} />
      {live && view.status.code === STATUS.RETURNED && (
        <Suspense fallback={null}>
          <RatingPrompt code={view.code} status={view.status.code} ownerToken={ownerToken} />
        </Suspense>
      )}
      {fee ? (
        // How to pay: online, by transfer, and the desk to pay at in person (the step's place, so not shown twice).
        <ErrorBoundary fallback={() => situation.place && <SituationPlace situation={situation} />}>
          <Suspense fallback={null}>
            <section className="card" aria-label={messages.situation.fee.howToPay}>
              <FeePayment code={view.code} fee={fee} place={view.agency} />
            </section>
          </Suspense>
        </ErrorBoundary>
      ) : (
        situation.place && <SituationPlace situation={situation} />
      )}
      {situation.needsOwner && unlock}
      {live && (
        <Suspense fallback={null}>
          <FollowCard code={view.code} ownerToken={ownerToken} />
        </Suspense>
      )}
      {live && (
        <Suspense fallback={null}>
          <VoiceCards code={view.code} status={view.status.code} />
        </Suspense>
      )}
      {!situation.needsOwner && unlock}
      <HandlingCard view={view} owner={owner} />
      <DatesCard view={view} owner={owner} />
      {owner && <Timeline entries={owner.timeline} status={owner.status.code} />}
      <PageActions code={view.code} />
    </div>
  );
}

/** The first screen: what is true now, the date that matters, the one thing to do, and whom to call. */
function NowCard({ view, situation }: { view: DossierView; situation: Situation }) {
  const owner = view.view === "owner" ? view : null;
  const code = view.status.code;
  const m = messages.situation;
  const note = owner?.statusNote ?? null;
  // The reason of a refusal, a withdrawal or a stop is already one of the lines.
  const officerNote = note && ![STATUS.REFUSED, STATUS.WITHDRAWN, STATUS.STOPPED].includes(code as 3 | 7 | 8) ? note : null;
  const feeNote = owner?.fee?.due && owner.fee.note && owner.fee.note !== note ? owner.fee.note : null;
  return (
    <section className={`card status-card tone-${situation.tone}`} aria-labelledby="status-title">
      <p className="status-eyebrow">{messages.dossier.codeLabel}</p>
      <p className="dossier-code">{view.code}</p>
      <h2 id="status-title" className="status-title">
        <span className="status-dot" aria-hidden="true" />
        {situation.title}
      </h2>
      {situation.keyDate && (
        <p className={`key-date key-date-${situation.keyDate.tone}`}>
          <span>{situation.keyDate.label}: </span>
          <strong>{situation.keyDate.date}</strong> <span>({situation.keyDate.relative})</span>
        </p>
      )}
      {situation.lines.map((line) => (
        <p key={line} className="status-meaning">
          {line}
        </p>
      ))}
      <div className={`todo${view.mustAct ? " todo-act" : ""}`}>
        <p className="todo-label">{m.todoLabel}</p>
        <p className="todo-text">{situation.todo}</p>
      </div>
      {owner?.missingDocuments && (
        <>
          <p className="emphasis">{m.supplement.documentsTitle}</p>
          <ul className="documents">
            {owner.missingDocuments.documents.map((document) => (
              <li key={document}>{document}</li>
            ))}
          </ul>
        </>
      )}
      {feeNote && <p>{feeNote}</p>}
      {officerNote && <p className="officer-note">{messages.dossier.officerNote(officerNote)}</p>}
      {situation.call?.phone && <CallLink phone={situation.call.phone} variant="primary" />}
      {code === STATUS.WITHDRAWN && (
        <Link to={owner ? `/procedure?code=${encodeURIComponent(owner.procedure.code)}` : "/procedures"} className="button-link button-link-secondary">
          {m.procedureGuide}
        </Link>
      )}
      <p className="muted">{messages.dossier.updatedAt(formatDateTime(lastChanged(view)))}</p>
    </section>
  );
}

/** Where this step sends the citizen; a refusal's competent agency also opens in the directory. */
function SituationPlace({ situation }: { situation: Situation }) {
  const place = situation.place!;
  return (
    <PlaceCard place={place.agency} heading={messages.situation.places[place.role]}>
      {place.role === "competent" && (
        <Link to={`/directory?agency=${encodeURIComponent(place.agency.id)}`} className="text-link">
          {messages.situation.inDirectory}
        </Link>
      )}
    </PlaceCard>
  );
}

function DatesCard({ view, owner }: { view: DossierView; owner: OwnerDossier | null }) {
  const code = view.status.code;
  const registered = code === STATUS.REGISTERED;
  const moved = movedFrom(owner);
  const outcome = view.completedAt ? describeDeadline(view, new Date()) : null;
  return (
    <section className="card" aria-labelledby="dates-title">
      <h2 id="dates-title" className="card-title">
        {messages.dossier.datesTitle}
      </h2>
      <dl className="facts">
        <Fact
          label={registered ? messages.situation.registeredAt : code === STATUS.REFUSED ? messages.dossier.handedInAt : messages.dossier.receivedAt}
          value={formatDate(view.receivedAt)}
        />
        {moved && showsDueDate(code) && <Fact label={messages.dossier.firstDueAt} value={formatDate(moved)} />}
        {showsDueDate(code) && <Fact label={moved ? messages.dossier.newDueAt : messages.dossier.dueAt} value={formatDate(view.dueAt)} />}
        {view.completedAt && <Fact label={messages.dossier.completedAt} value={formatDate(view.completedAt)} />}
        {view.returnedAt && <Fact label={messages.dossier.returnedAt} value={formatDate(view.returnedAt)} />}
      </dl>
      {outcome && (
        <div className={`deadline deadline-${outcome.tone}`}>
          <strong>{outcome.text}</strong>
        </div>
      )}
    </section>
  );
}

function HandlingCard({ view, owner }: { view: DossierView; owner: OwnerDossier | null }) {
  const officer = owner?.officer;
  return (
    <section className="card" aria-labelledby="handling-title">
      <h2 id="handling-title" className="card-title">
        {messages.dossier.handlingTitle}
      </h2>
      <dl className="facts">
        {owner?.procedure.name && <Fact label={messages.dossier.procedure} value={owner.procedure.name} />}
        {owner?.applicant.name && <Fact label={messages.dossier.applicant} value={owner.applicant.name} />}
        <Fact label={agencyLabel(view.status.code)} value={view.agency.name} />
        {owner?.department?.name && <Fact label={messages.dossier.department} value={owner.department.name} />}
        {officer?.name && <Fact label={messages.dossier.officer} value={officer.title ? `${officer.name} (${officer.title})` : officer.name} />}
      </dl>
      {owner?.procedure.legalDays != null && <p className="muted">{messages.dossier.legalDays(owner.procedure.legalDays)}</p>}
    </section>
  );
}

/** Where the dossier was registered, handed in (and refused), or received. */
function agencyLabel(code: number): string {
  if (code === STATUS.REGISTERED) return messages.dossier.registeredWith;
  if (code === STATUS.REFUSED) return messages.dossier.handedInWith;
  return messages.dossier.agency;
}
