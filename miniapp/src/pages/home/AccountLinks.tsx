import { Suspense } from "react";
import { useRecoilValueLoadable } from "recoil";
import { ChevronIcon } from "../../components/icons";
import { messages } from "../../messages";
import { Link } from "../../navigation";
import { canSignIn } from "../../platform";
import { meIfSignedInState } from "../../state/account";

/**
 * "Hồ sơ của tôi", "Tin nhắn" (with the unread count once signed in) and, for linked officers, the staff area.
 * Nothing here waits: the counts fill in when a session already on the phone answers.
 */
export function AccountLinks() {
  if (!canSignIn()) return null;
  return (
    <nav className="link-list" aria-label={messages.account.myDossiers}>
      <AccountLink to="/my-dossiers" title={messages.account.myDossiers} hint={messages.account.myDossiersHint} />
      <Suspense fallback={<AccountLink to="/inbox" title={messages.account.inbox} hint={messages.account.inboxHint} />}>
        <InboxAndStaff />
      </Suspense>
      <AccountLink to="/communes" title={messages.broadcasts.communesLink} hint={messages.broadcasts.communesLinkHint} />
      <AccountLink to="/feedback" title={messages.feedback.title} hint={messages.feedback.hint} />
      <AccountLink to="/notifications" title={messages.account.notifications} hint={messages.account.notificationsHint} />
      <AccountLink to="/my-data" title={messages.privacyRights.title} hint={messages.privacyRights.hint} />
    </nav>
  );
}

function InboxAndStaff() {
  const me = useRecoilValueLoadable(meIfSignedInState).valueMaybe() ?? null;
  const unread = me?.unreadMessages ?? 0;
  return (
    <>
      <AccountLink to="/inbox" title={messages.account.inbox} hint={unread > 0 ? messages.account.unread(unread) : messages.account.inboxHint} badge={unread} />
      {me?.staff && <AccountLink to="/staff" title={messages.account.staff} hint={messages.account.staffHint} />}
    </>
  );
}

function AccountLink({ to, title, hint, badge = 0 }: { to: string; title: string; hint: string; badge?: number }) {
  return (
    <Link to={to} className="link-row">
      <span className="link-row-text">
        <span className="link-row-title">
          {title}
          {badge > 0 && <strong className="badge">{badge}</strong>}
        </span>
        <span className="link-row-hint">{hint}</span>
      </span>
      <ChevronIcon />
    </Link>
  );
}
