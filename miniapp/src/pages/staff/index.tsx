/**
 * /staff — for officers: link this Zalo account with the one-time code from the one-stop system, then see the
 * work in their care: citizens' questions and feedback to answer or pass on, the open dossiers (their own, their
 * department's, or the province's, by role) and the satisfaction figures.
 */
import { Suspense, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "zmp-ui";
import { useSetRecoilState } from "recoil";
import { linkStaff, unlinkStaff } from "../../api/account";
import type { Me } from "../../api/types";
import { EmptyState, errorMessage, ErrorState, InlineAlert } from "../../components/Notice";
import { Page } from "../../components/Page";
import { SignedIn } from "../../components/SignedIn";
import { formatDate } from "../../domain/dates";
import { dossierPath } from "../../domain/dossier-link";
import { describeStatus } from "../../domain/dossier-wording";
import { messages } from "../../messages";
import { Link } from "../../navigation";
import { useOutcome } from "../../state";
import { accountVersionState, meState, staffDossiersState } from "../../state/account";
import { ErrorBoundary } from "../../components/ErrorBoundary";
import { SkeletonCard } from "../../components/Skeleton";
import { BroadcastLinks } from "./BroadcastLinks";
import { NoticesLink } from "./NoticesLink";
import { FiguresLink } from "./figures/FiguresLink";
import { SatisfactionTable, StaffFeedbackList, StaffQuestions } from "./StaffVoice";

/** Each part of the staff area loads, and fails, on its own. */
function Section({ children }: { children: ReactNode }) {
  return (
    <ErrorBoundary fallback={(error) => <ErrorState message={errorMessage(error)} />}>
      <Suspense fallback={<SkeletonCard lines={2} />}>{children}</Suspense>
    </ErrorBoundary>
  );
}

export default function StaffPage() {
  return (
    <Page title={messages.staff.title}>
      <SignedIn>
        <StaffArea />
      </SignedIn>
    </Page>
  );
}

function StaffArea() {
  const me = useOutcome(meState);
  return me.staff ? <Officer staff={me.staff} /> : <LinkForm />;
}

function LinkForm() {
  const bump = useSetRecoilState(accountVersionState);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await linkStaff(code);
      bump((n) => n + 1);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="link-title">
      <h2 id="link-title" className="card-title">
        {messages.staff.linkTitle}
      </h2>
      <p>{messages.staff.linkBody}</p>
      <form onSubmit={submit} className="stack" noValidate>
        <label className="field-label" htmlFor="link-code">
          {messages.staff.codeLabel}
        </label>
        <input
          id="link-code"
          className="text-input digits-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={8}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, "").slice(0, 8))}
        />
        {error && <InlineAlert>{error}</InlineAlert>}
        <Button htmlType="submit" fullWidth size="large" loading={busy}>
          {messages.staff.link}
        </Button>
      </form>
    </section>
  );
}

function Officer({ staff }: { staff: NonNullable<Me["staff"]> }) {
  const bump = useSetRecoilState(accountVersionState);
  const list = useOutcome(staffDossiersState);
  const [error, setError] = useState<string | null>(null);
  const unlink = async () => {
    try {
      await unlinkStaff();
      bump((n) => n + 1);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <div className="stack">
      <section className="card" aria-labelledby="officer-name">
        <h2 id="officer-name" className="card-title">
          {staff.displayName}
        </h2>
        {staff.title && <p>{staff.title}</p>}
        {staff.department?.name && <p>{staff.department.name}</p>}
        <p className="muted">{messages.staff.roles[staff.role]}</p>
      </section>
      <Section>
        <NoticesLink />
      </Section>
      <FiguresLink staff={staff} />
      <Section>
        <BroadcastLinks />
      </Section>
      <Section>
        <StaffQuestions />
      </Section>
      <Section>
        <StaffFeedbackList staff={staff} />
      </Section>
      <h2 className="section-title">{messages.staff.scopes[list.scope]}</h2>
      {list.dossiers.length === 0 ? (
        <EmptyState>{messages.staff.empty}</EmptyState>
      ) : (
        <ul className="saved-list">
          {list.dossiers.map((d) => {
            const status = describeStatus(d.status);
            return (
              <li key={d.code}>
                <Link to={dossierPath({ code: d.code })} className={`saved-item tone-${status.tone}`}>
                  <span className="saved-text">
                    <span className="saved-status">
                      <span className="status-dot" aria-hidden="true" />
                      {status.title}
                    </span>
                    <span className="saved-code">{d.code}</span>
                    {d.procedure.name && <span>{d.procedure.name}</span>}
                    <span className={d.overdue ? "deadline-late" : "muted"}>
                      {d.overdue ? messages.staff.overdue(d.overdueDays) : messages.staff.due(formatDate(d.dueAt))}
                    </span>
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      <Section>
        <SatisfactionTable />
      </Section>
      {error && <InlineAlert>{error}</InlineAlert>}
      <Button fullWidth size="large" variant="tertiary" onClick={() => void unlink()}>
        {messages.staff.unlink}
      </Button>
    </div>
  );
}
