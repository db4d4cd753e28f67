/** /feedback — "Phản ánh, kiến nghị": the citizen's own feedback with their status, and the ways to send or read more. */
import { Page } from "../../components/Page";
import { EmptyState } from "../../components/Notice";
import { SignedIn } from "../../components/SignedIn";
import { formatDate } from "../../domain/dates";
import { messages } from "../../messages";
import { Link } from "../../navigation";
import { useOutcome } from "../../state";
import { myFeedbackState } from "../../state/voice";
import { awaitsAnswer } from "./FeedbackCard";

export default function FeedbackPage() {
  return (
    <Page title={messages.feedback.title}>
      <div className="stack">
        <Link to="/feedback/new" className="button-link">
          {messages.feedback.create}
        </Link>
        <Link to="/feedback/public" className="button-link button-link-secondary">
          {messages.feedback.publicLink}
        </Link>
        <h2 className="section-title">{messages.feedback.mine}</h2>
        <SignedIn>
          <MyFeedback />
        </SignedIn>
      </div>
    </Page>
  );
}

function MyFeedback() {
  const list = useOutcome(myFeedbackState);
  if (list.length === 0) return <EmptyState>{messages.feedback.empty}</EmptyState>;
  return (
    <ul className="saved-list">
      {list.map((f) => (
        <li key={f.id}>
          <Link to={`/feedback/item?id=${f.id}`} className="saved-item">
            <span className="saved-text">
              <span className="saved-status">{f.statusLabel}</span>
              <span className="saved-code">{f.reference}</span>
              <span>{f.text.length > 90 ? `${f.text.slice(0, 88)}…` : f.text}</span>
              <span className="muted">
                {f.category.label} · {formatDate(f.createdAt)}
              </span>
              {awaitsAnswer(f) && <span className="muted">{messages.feedback.answerDueShort(formatDate(f.answerDueAt))}</span>}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
