import { useState } from "react";
import { Button } from "zmp-ui";
import { useRecoilValueLoadable, useSetRecoilState } from "recoil";
import { follow, grantConsent, unfollow } from "../../api/account";
import { errorMessage, InlineAlert } from "../../components/Notice";
import { messages } from "../../messages";
import { allowNotifications, canSignIn } from "../../platform";
import { accountVersionState, isFollowedState } from "../../state/account";

/**
 * On the owner view: follow this dossier, with or without Zalo messages. The purpose is said before asking; the
 * consent recorded is the very sentence shown. Following needs the token that opened the owner view (slip or
 * view token): the server checks it, whoever asks.
 */
export function FollowCard({ code, ownerToken }: { code: string; ownerToken: string | null }) {
  const followed = useRecoilValueLoadable(isFollowedState(code)).valueMaybe() ?? null;
  const bump = useSetRecoilState(accountVersionState);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: "success" | "error" | "info"; text: string } | null>(null);
  if (!canSignIn()) return null;

  const run = async (action: () => Promise<{ tone: "success" | "info"; text: string }>) => {
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

  const followWithMessages = () =>
    run(async () => {
      const allowed = await allowNotifications();
      if (allowed) await grantConsent("miniapp", messages.follow.consentWording);
      await follow(code, ownerToken!);
      return allowed ? { tone: "success", text: messages.follow.done } : { tone: "info", text: messages.follow.notificationsRefused };
    });
  const followOnly = () =>
    run(async () => {
      await follow(code, ownerToken!);
      return { tone: "success", text: messages.follow.done };
    });
  const stop = () =>
    run(async () => {
      await unfollow(code);
      return { tone: "info", text: messages.myDossiers.unfollowed };
    });

  return (
    <section className="card follow-card" aria-labelledby="follow-title">
      <h2 id="follow-title" className="card-title">
        {followed ? messages.follow.following : messages.follow.title}
      </h2>
      {followed ? (
        <>
          <p>{messages.follow.followingNote}</p>
          <Button fullWidth size="large" variant="secondary" loading={busy} onClick={stop}>
            {messages.follow.unfollow}
          </Button>
        </>
      ) : ownerToken ? (
        <>
          <p>{messages.follow.purpose}</p>
          <div className="actions">
            <Button fullWidth size="large" loading={busy} onClick={followWithMessages}>
              {messages.follow.followWithMessages}
            </Button>
            <Button fullWidth size="large" variant="tertiary" disabled={busy} onClick={followOnly}>
              {messages.follow.followOnly}
            </Button>
          </div>
          <p className="muted">{messages.follow.followOnlyNote}</p>
        </>
      ) : (
        <p>{messages.follow.needOwner}</p>
      )}
      {notice && <InlineAlert tone={notice.tone}>{notice.text}</InlineAlert>}
    </section>
  );
}
