/** /notifications — what the citizen agreed to be sent, and turning it on or off (off takes effect at once). */
import { useState } from "react";
import { Button } from "zmp-ui";
import { useSetRecoilState } from "recoil";
import { freshZaloToken, grantConsent, withdrawConsent } from "../../api/account";
import { errorMessage, InlineAlert } from "../../components/Notice";
import { Page } from "../../components/Page";
import { SignedIn } from "../../components/SignedIn";
import { ChevronIcon } from "../../components/icons";
import { formatDate } from "../../domain/dates";
import { messages } from "../../messages";
import { Link } from "../../navigation";
import { allowNotifications, phoneNumberToken } from "../../platform";
import { useOutcome } from "../../state";
import { accountVersionState, meState } from "../../state/account";

export default function NotificationsPage() {
  return (
    <Page title={messages.notifications.title}>
      <SignedIn>
        <Settings />
      </SignedIn>
    </Page>
  );
}

type Notice = { tone: "success" | "error" | "info"; text: string };

function Settings() {
  const me = useOutcome(meState);
  const bump = useSetRecoilState(accountVersionState);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const run = async (action: () => Promise<Notice>) => {
    if (busy) return;
    setBusy(true);
    setNotice(null);
    try {
      setNotice(await action());
      bump((n) => n + 1);
    } catch (error) {
      setNotice({ tone: "error", text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };
  const withdraw = (channel: "miniapp" | "zns") =>
    run(async () => {
      await withdrawConsent(channel);
      return { tone: "info", text: t.turnedOff };
    });
  const t = messages.notifications;
  const zalo = me.consents.miniapp;
  const zns = me.consents.zns;
  return (
    <div className="stack">
      {notice && <InlineAlert tone={notice.tone}>{notice.text}</InlineAlert>}
      <section className="card stack" aria-labelledby="zalo-title">
        <h2 id="zalo-title" className="card-title">
          {t.zaloTitle}
        </h2>
        <p>{messages.follow.purpose}</p>
        <p className="consent-state">{zalo ? t.zaloOn(formatDate(zalo.grantedAt)) : t.zaloOff}</p>
        {zalo ? (
          <Button fullWidth size="large" variant="secondary" loading={busy} onClick={() => withdraw("miniapp")}>
            {t.turnOff}
          </Button>
        ) : (
          <Button
            fullWidth
            size="large"
            loading={busy}
            onClick={() =>
              run(async () => {
                if (!(await allowNotifications())) return { tone: "info", text: messages.follow.notificationsRefused };
                await grantConsent("miniapp", messages.follow.consentWording);
                return { tone: "success", text: t.turnedOn };
              })
            }
          >
            {t.turnOn}
          </Button>
        )}
      </section>
      <section className="card stack" aria-labelledby="zns-title">
        <h2 id="zns-title" className="card-title">
          {t.znsTitle}
        </h2>
        <p>{t.znsWhy}</p>
        <p className="consent-state">{zns ? t.znsOn(formatDate(zns.grantedAt)) : t.znsOff}</p>
        {zns ? (
          <Button fullWidth size="large" variant="secondary" loading={busy} onClick={() => withdraw("zns")}>
            {t.znsTurnOff}
          </Button>
        ) : (
          <Button
            fullWidth
            size="large"
            variant="secondary"
            loading={busy}
            onClick={() =>
              run(async () => {
                const phoneToken = await phoneNumberToken();
                if (!phoneToken) return { tone: "error", text: t.phoneRefused };
                await grantConsent("zns", t.znsWording, { accessToken: await freshZaloToken(), phoneToken });
                return { tone: "success", text: t.turnedOn };
              })
            }
          >
            {t.znsTurnOn}
          </Button>
        )}
      </section>
      <Link to="/communes" className="link-row">
        <span className="link-row-text">
          <span className="link-row-title">{messages.broadcasts.communesLink}</span>
          <span className="link-row-hint">{messages.broadcasts.communesLinkHint}</span>
        </span>
        <ChevronIcon />
      </Link>
    </div>
  );
}
