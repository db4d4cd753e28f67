/**
 * /my-data — "Dữ liệu của tôi" (Decree 13/2023, Law 91/2025): what motcua holds about the signed-in citizen, in
 * counts and lists; a copy to take away as a JSON file; and erasing it all, asked about first, then a result
 * screen saying what went and what stays.
 */
import { useState } from "react";
import { Button } from "zmp-ui";
import { useSetRecoilState } from "recoil";
import { eraseMyData, type Erasure, type MyData } from "../../api/privacy";
import { ConfirmAction } from "../../components/ConfirmAction";
import { errorMessage, InlineAlert } from "../../components/Notice";
import { Page } from "../../components/Page";
import { SignedIn } from "../../components/SignedIn";
import { formatDate, formatDateTime } from "../../domain/dates";
import { exportDate, HELD_KINDS, heldCounts } from "../../domain/my-data";
import { messages } from "../../messages";
import { myDataMessages } from "./messages";
import { RetentionCard } from "./Retention";
import { useNavigate } from "../../navigation";
import { saveTextFile } from "../../platform/download";
import { useOutcome } from "../../state";
import { accountVersionState } from "../../state/account";
import { myDataState } from "../../state/privacy";

const t = { ...messages.privacyRights, ...myDataMessages };
/** What an erasure removes (ratings stay, anonymous). */
const REMOVED_KINDS = ["follows", "consents", "messages", "questions", "feedback", "photos"] as const;
/** The latest messages shown on the page; the file has them all. */
const MESSAGES_SHOWN = 5;

export default function MyDataPage() {
  const [erased, setErased] = useState<Erasure | null>(null);
  return (
    <Page title={t.title}>
      {erased ? (
        <Erased erasure={erased} />
      ) : (
        <>
          <SignedIn>
            <Held onErased={setErased} />
          </SignedIn>
          <RetentionCard />
        </>
      )}
    </Page>
  );
}

function Held({ onErased }: { onErased: (erasure: Erasure) => void }) {
  const held = useOutcome(myDataState);
  const bump = useSetRecoilState(accountVersionState);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const counts = heldCounts(held);

  const download = async () => {
    setNotice(null);
    try {
      await saveTextFile(t.fileName(exportDate(new Date())), JSON.stringify(held, null, 2), "application/json");
      setNotice({ tone: "success", text: t.exported });
    } catch (error) {
      setNotice({ tone: "error", text: errorMessage(error) });
    }
  };
  const erase = async () => {
    setBusy(true);
    setNotice(null);
    try {
      const erasure = await eraseMyData();
      onErased(erasure);
      bump((n) => n + 1);
    } catch (error) {
      setNotice({ tone: "error", text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack">
      <p>{t.intro}</p>
      {notice && <InlineAlert tone={notice.tone}>{notice.text}</InlineAlert>}
      <section className="card stack" aria-labelledby="held-title">
        <h2 id="held-title" className="card-title">
          {t.summaryTitle}
        </h2>
        <dl className="held-counts">
          {HELD_KINDS.map((kind) => (
            <div key={kind} className="held-count">
              <dt>{t.counts[kind]}</dt>
              <dd>{counts[kind]}</dd>
            </div>
          ))}
        </dl>
        <p>{t.phone(held.account.phone)}</p>
        <p>{t.staff(held.staff?.displayName ?? null)}</p>
        <Button fullWidth size="large" variant="secondary" onClick={download}>
          {t.export}
        </Button>
      </section>
      <HeldLists held={held} />
      <section className="card stack" aria-labelledby="erase-title">
        <h2 id="erase-title" className="card-title">
          {t.erase}
        </h2>
        <ConfirmAction label={t.erase} question={t.eraseQuestion} detail={t.eraseDetail} confirmLabel={t.eraseConfirm} busy={busy} onConfirm={erase} />
      </section>
    </div>
  );
}

function HeldLists({ held }: { held: MyData }) {
  const more = held.messages.length - MESSAGES_SHOWN;
  const { counts } = t;
  return (
    <>
      <HeldSection
        title={counts.follows}
        items={held.follows.map((f) => ({ key: f.dossierCode, title: f.dossierCode, lines: [t.followedOn(formatDate(f.followedAt), f.proof === "slip")] }))}
      />
      <HeldSection
        title={counts.consents}
        items={held.consents.map((c, i) => ({
          key: String(i),
          title: t.channel[c.channel] ?? c.channel,
          lines: [t.consentPeriod(formatDate(c.grantedAt), c.withdrawnAt ? formatDate(c.withdrawnAt) : null), `“${c.wording}”`],
        }))}
      />
      <HeldSection
        title={counts.messages}
        items={held.messages.slice(0, MESSAGES_SHOWN).map((m, i) => ({
          key: String(i),
          title: m.title,
          lines: [`${formatDateTime(m.createdAt)} · ${t.delivery[m.delivery.status] ?? m.delivery.status}`],
        }))}
        footer={more > 0 ? t.moreMessages(more) : null}
      />
      <HeldSection
        title={counts.ratings}
        items={held.ratings.map((r) => ({
          key: r.dossierCode,
          title: r.dossierCode,
          lines: [formatDate(r.createdAt), ...(r.comment ? [`“${r.comment}”`] : [])],
        }))}
      />
      <HeldSection
        title={counts.questions}
        items={held.questions.map((q) => ({
          key: String(q.id),
          title: q.text,
          lines: [`${q.dossierCode} · ${formatDate(q.askedAt)}`, ...(q.answer ? [`“${q.answer}”`] : [])],
        }))}
      />
      <HeldSection
        title={counts.feedback}
        items={held.feedback.map((f) => ({
          key: String(f.id),
          title: `${f.reference} · ${f.category.label}`,
          lines: [f.text, `${f.statusLabel} · ${counts.photos}: ${f.photos.length}`],
        }))}
      />
    </>
  );
}

type HeldItem = { key: string; title: string; lines: string[] };

function HeldSection({ title, items, footer = null }: { title: string; items: HeldItem[]; footer?: string | null }) {
  return (
    <section className="card stack held-section" aria-label={title}>
      <h2 className="card-title">{title}</h2>
      {items.length === 0 ? (
        <p className="muted">{t.nothing}</p>
      ) : (
        <ul className="stack">
          {items.map((item) => (
            <li key={item.key} className="held-item">
              <strong>{item.title}</strong>
              {item.lines.map((line, i) => (
                <span key={i} className="block">
                  {line}
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
      {footer && <p className="muted">{footer}</p>}
    </section>
  );
}

function Erased({ erasure }: { erasure: Erasure }) {
  const navigate = useNavigate();
  const removed = erasure.removed;
  return (
    <section className="card stack" role="status" aria-labelledby="erased-title">
      <h2 id="erased-title" className="card-title">
        {t.erasedTitle}
      </h2>
      <p>{t.erasedAt(formatDateTime(erasure.erasedAt))}</p>
      <ul className="stack">
        {REMOVED_KINDS.filter((kind) => removed[kind] > 0).map((kind) => (
          <li key={kind}>{t.removed(removed[kind], t.counts[kind])}</li>
        ))}
        {removed.staffLink > 0 && <li>{t.removed(removed.staffLink, messages.account.staffLink)}</li>}
      </ul>
      {erasure.ratingsKeptAnonymously > 0 && <p>{t.ratingsKept(erasure.ratingsKeptAnonymously)}</p>}
      <p className="muted">{t.erasedNote}</p>
      <Button fullWidth size="large" onClick={() => navigate("/", { replace: true })}>
        {t.home}
      </Button>
    </section>
  );
}
