/** /inbox — "Tin nhắn": every message sent to the citizen, newest first, each with its button to the dossier. */
import { useEffect } from "react";
import { Button } from "zmp-ui";
import { useSetRecoilState } from "recoil";
import { markInboxRead } from "../../api/account";
import { EmptyState } from "../../components/Notice";
import { Page } from "../../components/Page";
import { SignedIn } from "../../components/SignedIn";
import { formatDateTime } from "../../domain/dates";
import { notDelivered, readUpTo, safeAppPath } from "../../domain/inbox";
import { messages } from "../../messages";
import { useNavigate } from "../../navigation";
import { useOutcome } from "../../state";
import { accountVersionState, inboxState } from "../../state/account";

export default function InboxPage() {
  return (
    <Page title={messages.inbox.title}>
      <SignedIn>
        <Inbox />
      </SignedIn>
    </Page>
  );
}

function Inbox() {
  const inbox = useOutcome(inboxState);
  const navigate = useNavigate();
  const bump = useSetRecoilState(accountVersionState);
  const upTo = readUpTo(inbox.messages);
  useEffect(() => {
    // Opening the inbox reads what it shows; the "Mới" marks stay on screen while the citizen is here, and the
    // counts elsewhere are read again on leaving.
    if (upTo !== null) void markInboxRead(upTo).catch(() => undefined);
  }, [upTo]);
  useEffect(() => () => bump((n) => n + 1), [bump]);
  if (inbox.messages.length === 0) return <EmptyState>{messages.inbox.empty}</EmptyState>;
  return (
    <ul className="stack inbox-list">
      {inbox.messages.map((m) => (
        <li key={m.id} className={`card inbox-item${m.readAt ? "" : " unread"}`}>
          <p className="muted">
            {!m.readAt && <strong className="badge">{messages.inbox.unreadLabel}</strong>} {formatDateTime(m.createdAt)}
          </p>
          <h2 className="card-title">{m.title}</h2>
          <p>{m.body}</p>
          {notDelivered(m) && <p className="muted">{messages.inbox.notDelivered}</p>}
          <Button fullWidth size="large" variant="secondary" onClick={() => navigate(safeAppPath(m.path))}>
            {m.buttonText}
          </Button>
        </li>
      ))}
    </ul>
  );
}
