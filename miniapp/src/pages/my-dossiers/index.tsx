/** /my-dossiers — "Hồ sơ của tôi": the dossiers this citizen follows, with their live status. */
import { useState } from "react";
import { Button } from "zmp-ui";
import { useSetRecoilState } from "recoil";
import { unfollow } from "../../api/account";
import { ChevronIcon } from "../../components/icons";
import { EmptyState, errorMessage, InlineAlert } from "../../components/Notice";
import { Page } from "../../components/Page";
import { SignedIn } from "../../components/SignedIn";
import { formatDate } from "../../domain/dates";
import { dossierPath } from "../../domain/dossier-link";
import { describeDeadline, describeStatus } from "../../domain/dossier-wording";
import { messages } from "../../messages";
import { Link } from "../../navigation";
import { useOutcome } from "../../state";
import { accountVersionState, followsState } from "../../state/account";

export default function MyDossiersPage() {
  return (
    <Page title={messages.myDossiers.title}>
      <SignedIn>
        <FollowedList />
      </SignedIn>
    </Page>
  );
}

function FollowedList() {
  const dossiers = useOutcome(followsState);
  const bump = useSetRecoilState(accountVersionState);
  const [error, setError] = useState<string | null>(null);
  if (dossiers.length === 0) return <EmptyState>{messages.myDossiers.empty}</EmptyState>;
  const stop = async (code: string) => {
    setError(null);
    try {
      await unfollow(code);
      bump((n) => n + 1);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <div className="stack">
      {error && <InlineAlert>{error}</InlineAlert>}
      <ul className="saved-list">
        {dossiers.map((d) => {
          const status = describeStatus(d.status);
          const deadline = describeDeadline(d, new Date());
          return (
            <li key={d.code} className="stack followed-item">
              <Link to={dossierPath({ code: d.code })} className={`saved-item tone-${status.tone}`}>
                <span className="saved-text">
                  <span className="saved-status">
                    <span className="status-dot" aria-hidden="true" />
                    {status.title}
                  </span>
                  <span className="saved-code">{d.code}</span>
                  {d.procedure.name && <span>{d.procedure.name}</span>}
                  <span className="muted">{messages.myDossiers.due(formatDate(d.dueAt))}</span>
                  {deadline && <span className={`deadline-${deadline.tone}`}>{deadline.text}</span>}
                </span>
                <ChevronIcon />
              </Link>
              <Button size="medium" variant="tertiary" onClick={() => void stop(d.code)}>
                {messages.myDossiers.unfollow}
              </Button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
