/**
 * One notice as the officer reads it on a phone: what it is, from whom, by when, where; and what to do with it:
 * "Đã nhận", for a meeting "Tham dự" or "Vắng" (with a reason), "Mở văn bản" into the document system. A moved or
 * cancelled meeting says so first.
 */
import { useId, useState, type FormEvent, type MouseEvent, type ReactNode } from "react";
import { Button } from "zmp-ui";
import { acknowledgeNotice, answerMeeting, type MeetingAnswer, type StaffNotice } from "../../../api/staff-notices";
import { errorMessage, InlineAlert } from "../../../components/Notice";
import { formatDate, formatDateTime } from "../../../domain/dates";
import { canAnswer, deadlineIsNear, isMeeting, meetingTime } from "../../../domain/staff-notices";
import { openLink } from "../../../platform";
import { noticeMessages as t } from "./notice-messages";

/** The reason for an absence, as long as the API takes it. */
export const REASON_MAX = 500;

type Props = { notice: StaffNotice; now: Date; onSaved: (notice: StaffNotice) => void };

export function NoticeCard({ notice, now, onSaved }: Props) {
  const titleId = useId();
  const meeting = isMeeting(notice);
  const tone = notice.cancelled ? "notice-cancelled" : meeting && notice.changed ? "notice-changed" : "";
  return (
    <li className={`card stack notice-card ${tone}`} aria-labelledby={titleId}>
      {meeting && notice.cancelled && <Banner title={t.cancelled} body={t.cancelledBody} />}
      {meeting && !notice.cancelled && notice.changed && <Banner title={t.changed} body={t.changedBody} />}
      <p className="notice-kind">{t.kinds[notice.kind] ?? notice.kind}</p>
      <h3 id={titleId} className="card-title">
        {notice.title}
      </h3>
      {notice.documentNumber && <p>{t.number(notice.documentNumber)}</p>}
      {notice.issuer && <p>{t.issuer(notice.issuer)}</p>}
      {notice.summary && <p>{notice.summary}</p>}
      {notice.deadline && (
        <p className={`notice-deadline ${deadlineIsNear(notice.deadline, now) ? "notice-deadline-near" : ""}`}>{t.deadline(formatDate(notice.deadline))}</p>
      )}
      {meeting && <MeetingFacts notice={notice} />}
      {notice.link && <OutsideLink url={notice.link}>{t.openDocument}</OutsideLink>}
      {meeting && !notice.cancelled ? <MeetingAnswerForm notice={notice} now={now} onSaved={onSaved} /> : <Acknowledge notice={notice} onSaved={onSaved} />}
      <p className="muted">{t.received(formatDateTime(notice.receivedAt))}</p>
    </li>
  );
}

function Banner({ title, body }: { title: string; body: string }) {
  return (
    <div className="notice-banner" role="status">
      <strong>{title}</strong>
      <span>{body}</span>
    </div>
  );
}

function MeetingFacts({ notice }: { notice: StaffNotice }) {
  return (
    <dl className="notice-facts">
      {notice.startsAt && <Fact term={t.time}>{meetingTime(notice.startsAt, notice.endsAt)}</Fact>}
      {notice.place && <Fact term={t.place}>{notice.place}</Fact>}
      {notice.chair && <Fact term={t.chair}>{notice.chair}</Fact>}
      {notice.agenda && <Fact term={t.agenda}>{notice.agenda}</Fact>}
      {notice.onlineLink && !notice.cancelled && (
        <Fact term={t.online}>
          <OutsideLink url={notice.onlineLink}>{t.openOnline}</OutsideLink>
        </Fact>
      )}
    </dl>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="notice-fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Inside Zalo the document system opens in Zalo's webview (back to the app afterwards); in a browser, a new tab. */
function OutsideLink({ url, children }: { url: string; children: ReactNode }) {
  const open = async (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    if (!(await openLink(url, "page"))) window.open(url, "_blank", "noopener,noreferrer");
  };
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" onClick={(event) => void open(event)} className="button-link button-link-secondary">
      {children}
    </a>
  );
}

/** A call that saves, with its outcome said under the buttons. */
function useSave(onSaved: (notice: StaffNotice) => void) {
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const save = async (call: () => Promise<StaffNotice>, done: string): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    setSaid(null);
    try {
      onSaved(await call());
      setSaid({ tone: "success", text: done });
      return true;
    } catch (failure) {
      setSaid({ tone: "error", text: errorMessage(failure) });
      return false;
    } finally {
      setBusy(false);
    }
  };
  const outcome = said && <InlineAlert tone={said.tone}>{said.text}</InlineAlert>;
  return { busy, save, outcome };
}

function Acknowledge({ notice, onSaved }: { notice: StaffNotice; onSaved: (notice: StaffNotice) => void }) {
  const { busy, save, outcome } = useSave(onSaved);
  return (
    <>
      {notice.acknowledgedAt ? (
        <p className="notice-done">{t.acknowledged(formatDateTime(notice.acknowledgedAt))}</p>
      ) : (
        <Button fullWidth size="large" loading={busy} onClick={() => void save(() => acknowledgeNotice(notice.id), t.savedAcknowledged)}>
          {t.acknowledge}
        </Button>
      )}
      {outcome}
    </>
  );
}

function MeetingAnswerForm({ notice, now, onSaved }: Props) {
  const { busy, save, outcome } = useSave(onSaved);
  const [changing, setChanging] = useState(false);
  const [askingReason, setAskingReason] = useState(false);
  const [reason, setReason] = useState(notice.reason ?? "");
  const [missing, setMissing] = useState(false);
  const reasonId = useId();
  const open = canAnswer(notice, now);
  const send = async (choice: MeetingAnswer, why?: string) => {
    if (await save(() => answerMeeting(notice.id, choice, why), choice === "attend" ? t.savedAttend : t.savedAbsent)) {
      setChanging(false);
      setAskingReason(false);
    }
  };
  const sendAbsent = (event: FormEvent) => {
    event.preventDefault();
    const why = reason.trim();
    setMissing(!why);
    if (why) void send("absent", why);
  };

  const answered = notice.answer && !changing;
  return (
    <>
      {answered && (
        <div className="notice-done stack">
          <p>{t.answered[notice.answer!]}</p>
          {notice.answer === "absent" && notice.reason && <p className="muted">{t.reason(notice.reason)}</p>}
          {open && (
            <Button fullWidth size="large" variant="tertiary" onClick={() => setChanging(true)}>
              {t.changeAnswer}
            </Button>
          )}
        </div>
      )}
      {!answered && open && !askingReason && (
        <div className="notice-answers">
          <Button size="large" loading={busy} onClick={() => void send("attend")}>
            {t.attend}
          </Button>
          <Button size="large" variant="secondary" disabled={busy} onClick={() => setAskingReason(true)}>
            {t.absent}
          </Button>
        </div>
      )}
      {!answered && open && askingReason && (
        <form className="stack" onSubmit={sendAbsent} noValidate>
          <label className="field-label" htmlFor={reasonId}>
            {t.reasonLabel}
          </label>
          <textarea
            id={reasonId}
            className="text-input text-area"
            rows={3}
            maxLength={REASON_MAX}
            value={reason}
            aria-invalid={missing}
            onChange={(e) => setReason(e.target.value)}
          />
          {missing && <InlineAlert>{t.reasonRequired}</InlineAlert>}
          <Button htmlType="submit" fullWidth size="large" loading={busy}>
            {t.reasonSend}
          </Button>
          <Button
            fullWidth
            size="large"
            variant="tertiary"
            onClick={() => {
              setAskingReason(false);
              setChanging(false);
            }}
          >
            {t.reasonCancel}
          </Button>
        </form>
      )}
      {open && !answered && <p className="muted">{t.changeUntil}</p>}
      {!open && !notice.answer && <p className="muted">{t.over}</p>}
      {outcome}
    </>
  );
}
