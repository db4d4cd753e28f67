/**
 * /my-dossiers — "Hồ sơ của tôi": the dossiers this citizen follows, with their live status. Stopping asks first:
 * following again needs the slip or the ID digits.
 */
import { useEffect, useState } from "react";
import { useSetRecoilState } from "recoil";
import { unfollow } from "../../api/account";
import { ConfirmAction } from "../../components/ConfirmAction";
import { ChevronIcon } from "../../components/icons";
import { EmptyState, errorMessage, InlineAlert } from "../../components/Notice";
import { Page } from "../../components/Page";
import { SignedIn } from "../../components/SignedIn";
import { formatDate } from "../../domain/dates";
import { dossierPath } from "../../domain/dossier-link";
import { describeDeadline, describeStatus } from "../../domain/dossier-wording";
import { markFollowed, syncFollowed } from "../../domain/saved-dossiers";
import { messages } from "../../messages";
import { Link } from "../../navigation";
import { useChangeSavedDossiers, useOutcome } from "../../state";
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
  const changeSaved = useChangeSavedDossiers();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [stopping, setStopping] = useState<string | null>(null);
  // The list the API just gave is what the phone keeps owner details by.
  useEffect(() => {
    void changeSaved((list) =>
      syncFollowed(
        list,
        dossiers.map((d) => d.code),
      ),
    );
  }, [dossiers, changeSaved]);
  const stop = async (code: string) => {
    setError(null);
    setDone(null);
    setStopping(code);
    try {
      await unfollow(code);
      void changeSaved((list) => markFollowed(list, code, false));
      setDone(messages.myDossiers.unfollowed);
      bump((n) => n + 1);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setStopping(null);
    }
  };
  const notices = (
    <>
      {error && <InlineAlert>{error}</InlineAlert>}
      {done && <InlineAlert tone="success">{done}</InlineAlert>}
    </>
  );
  if (dossiers.length === 0) {
    return (
      <div className="stack">
        {notices}
        <EmptyState>{messages.myDossiers.empty}</EmptyState>
      </div>
    );
  }
  return (
    <div className="stack">
      {notices}
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
              <ConfirmAction
                label={messages.myDossiers.unfollow}
                question={messages.myDossiers.unfollowQuestion(d.code)}
                detail={messages.follow.unfollowDetail}
                confirmLabel={messages.follow.unfollowConfirm}
                variant="tertiary"
                size="medium"
                busy={stopping === d.code}
                onConfirm={() => stop(d.code)}
              />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
