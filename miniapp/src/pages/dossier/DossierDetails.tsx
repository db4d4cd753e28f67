import { Button } from "zmp-ui";
import { useRecoilValueLoadable, useSetRecoilState } from "recoil";
import type { DossierView, OwnerDossier } from "../../api/types";
import { formatDate, formatDateTime } from "../../domain/dates";
import { describeDeadline, describeStatus } from "../../domain/dossier-wording";
import { forgetDossier } from "../../domain/saved-dossiers";
import { messages } from "../../messages";
import { useNavigate } from "../../navigation";
import { provinceState, savedDossiersState } from "../../state";
import { lazy, Suspense } from "react";
import { FollowCard } from "./FollowCard";
import { PageActions } from "./PageActions";

const VoiceCards = lazy(() => import("./VoiceCards"));
import { NextSteps } from "./NextSteps";
import { Timeline } from "./Timeline";
import { UnlockCard } from "./UnlockCard";

type Props = {
  view: DossierView;
  fetchedAt: string;
  /** Shown from the copy kept on the phone because the network failed: no unlocking then. */
  offline?: boolean;
  /** The page visit this view belongs to (an unlock primes the owner view for the same visit). */
  visit?: string;
  /** The slip or view token that opened the owner view: what following the dossier proves ownership with. */
  ownerToken?: string | null;
};

export function DossierDetails({ view, fetchedAt, offline = false, visit, ownerToken = null }: Props) {
  const owner = view.view === "owner" ? view : null;
  const hotline = useRecoilValueLoadable(provinceState).valueMaybe()?.hotline ?? null;

  return (
    <div className="stack">
      <StatusCard view={view} fetchedAt={fetchedAt} />
      <NextSteps view={view} hotline={hotline} />
      {owner && !offline && (
        <Suspense fallback={null}>
          <FollowCard code={view.code} ownerToken={ownerToken} />
        </Suspense>
      )}
      {owner && !offline && (
        <Suspense fallback={null}>
          <VoiceCards code={view.code} status={view.status.code} />
        </Suspense>
      )}
      {!owner && !offline && visit !== undefined && <UnlockCard code={view.code} visit={visit} />}
      <HandlingCard view={view} owner={owner} />
      <DatesCard view={view} />
      {owner && <Timeline entries={owner.timeline} />}
      <PageActions code={view.code} />
    </div>
  );
}

function StatusCard({ view, fetchedAt }: { view: DossierView; fetchedAt: string }) {
  const status = describeStatus(view.status);
  return (
    <section className={`card status-card tone-${status.tone}`} aria-labelledby="status-title">
      <p className="status-eyebrow">{messages.dossier.codeLabel}</p>
      <p className="dossier-code">{view.code}</p>
      <h2 id="status-title" className="status-title">
        <span className="status-dot" aria-hidden="true" />
        {status.title}
      </h2>
      {status.meaning && <p className="status-meaning">{status.meaning}</p>}
      <p className="muted">{messages.dossier.updatedAt(formatDateTime(fetchedAt))}</p>
    </section>
  );
}

function DatesCard({ view }: { view: DossierView }) {
  const deadline = describeDeadline(view, new Date());
  return (
    <section className="card" aria-labelledby="dates-title">
      <h2 id="dates-title" className="card-title">
        {messages.dossier.datesTitle}
      </h2>
      <dl className="facts">
        <Fact label={messages.dossier.receivedAt} value={formatDate(view.receivedAt)} />
        <Fact label={messages.dossier.dueAt} value={formatDate(view.dueAt)} />
        {view.completedAt && <Fact label={messages.dossier.completedAt} value={formatDate(view.completedAt)} />}
        {view.returnedAt && <Fact label={messages.dossier.returnedAt} value={formatDate(view.returnedAt)} />}
      </dl>
      {deadline && (
        <div className={`deadline deadline-${deadline.tone}`}>
          <strong>{deadline.text}</strong>
          {deadline.meaning && <p>{deadline.meaning}</p>}
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
        {owner && <Fact label={messages.dossier.applicant} value={owner.applicant.name} />}
        <Fact label={messages.dossier.agency} value={view.agency.name} />
        {owner?.department?.name && <Fact label={messages.dossier.department} value={owner.department.name} />}
        {officer?.name && (
          <Fact label={messages.dossier.officer} value={officer.title ? `${officer.name} (${officer.title})` : officer.name} />
        )}
      </dl>
      {owner?.procedure.legalDays != null && <p className="muted">{messages.dossier.legalDays(owner.procedure.legalDays)}</p>}
    </section>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
