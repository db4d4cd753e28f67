/**
 * /staff/notices — "Việc của tôi": the documents to process or approve and the meetings the province's systems sent
 * this officer, open ones first (soonest deadline or start), done ones folded under "Đã xong". `?id=` (where the
 * Zalo message leads) opens one notice alone, with the way to the whole list.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { useRecoilValue, useSetRecoilState } from "recoil";
import type { StaffNotice } from "../../../api/staff-notices";
import { ChevronIcon } from "../../../components/icons";
import { EmptyState } from "../../../components/Notice";
import { Page } from "../../../components/Page";
import { SignedIn } from "../../../components/SignedIn";
import { splitNotices } from "../../../domain/staff-notices";
import { Link } from "../../../navigation";
import { locationState, useOutcome } from "../../../state";
import { accountVersionState } from "../../../state/account";
import { staffNoticeState, staffNoticesState } from "../../../state/staff-notices";
import { NoticeCard } from "./NoticeCard";
import { noticeMessages as t } from "./notice-messages";
import "./notices.css";

export default function StaffNoticesPage() {
  const { search } = useRecoilValue(locationState);
  const id = useMemo(() => new URLSearchParams(search).get("id"), [search]);
  return (
    <Page title={t.title}>
      <SignedIn>{id ? <OneNotice key={id} id={id} /> : <NoticeList />}</SignedIn>
    </Page>
  );
}

/**
 * The notices as first read, with what the officer did since: a card stays where it was for this visit (it does not
 * jump under "Đã xong" under the finger). Leaving the page after a change reads everything afresh, so the staff
 * home's count and the next visit are true.
 */
function useSavedNotices(initial: StaffNotice[]) {
  const bump = useSetRecoilState(accountVersionState);
  const [notices, setNotices] = useState(initial);
  const changed = useRef(false);
  useEffect(
    () => () => {
      if (changed.current) bump((n) => n + 1);
    },
    [bump],
  );
  const onSaved = (saved: StaffNotice) => {
    changed.current = true;
    setNotices((list) => list.map((n) => (n.id === saved.id ? saved : n)));
  };
  return { notices, onSaved };
}

function NoticeList() {
  const { notices, onSaved } = useSavedNotices(useOutcome(staffNoticesState));
  // The split is made once per visit, from the list as read (see useSavedNotices).
  const [now] = useState(() => new Date());
  const [split] = useState(() => splitNotices(notices));
  const current = (n: StaffNotice) => notices.find((m) => m.id === n.id) ?? n;
  return (
    <div className="stack">
      <h2 className="section-title">{t.open}</h2>
      {split.open.length === 0 ? (
        <EmptyState>{t.openEmpty}</EmptyState>
      ) : (
        <ul className="plain-list stack" aria-label={t.open}>
          {split.open.map((n) => (
            <NoticeCard key={n.id} notice={current(n)} now={now} onSaved={onSaved} />
          ))}
        </ul>
      )}
      {split.done.length > 0 && (
        <details className="notices-done">
          <summary>
            <span>{t.done(split.done.length)}</span>
            <ChevronIcon />
          </summary>
          <ul className="plain-list stack">
            {split.done.map((n) => (
              <NoticeCard key={n.id} notice={current(n)} now={now} onSaved={onSaved} />
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function OneNotice({ id }: { id: string }) {
  const { notices, onSaved } = useSavedNotices([useOutcome(staffNoticeState(id))]);
  const [now] = useState(() => new Date());
  return (
    <div className="stack">
      <ul className="plain-list stack">
        <NoticeCard notice={notices[0]!} now={now} onSaved={onSaved} />
      </ul>
      <Link to="/staff/notices" className="button-link button-link-secondary">
        {t.all}
      </Link>
    </div>
  );
}
