import { useEffect, useState } from "react";
import { Button } from "zmp-ui";
import { useRecoilValueLoadable, useSetRecoilState } from "recoil";
import { follow, getMe, grantConsent, unfollow } from "../../api/account";
import type { Me } from "../../api/types";
import { ConfirmAction } from "../../components/ConfirmAction";
import { errorMessage, InlineAlert } from "../../components/Notice";
import { markFollowed } from "../../domain/saved-dossiers";
import { messages } from "../../messages";
import { allowNotifications, canSignIn } from "../../platform";
import { savedDossiersState, useChangeSavedDossiers } from "../../state";
import { accountVersionState, isFollowedState, meIfSignedInState } from "../../state/account";

/**
 * Whether Zalo messages reach this citizen. Consent is the citizen's, not the dossier's: once given, every dossier
 * they follow is messaged about, "follow only" included.
 */
const messagedThroughZalo = (me: Me) => me.consents.miniapp !== null || (me.consents.zns !== null && me.phoneShared);

/**
 * On the owner view: follow this dossier, with or without Zalo messages. The purpose is said before asking; the
 * consent recorded is the very sentence shown. Following needs the token that opened the owner view (slip or
 * view token): the server checks it, whoever asks. What each choice is said to do is what it does: "follow only"
 * promises no Zalo message only when none will come. Stopping asks first, since following again needs the slip
 * or the ID digits.
 */
export function FollowCard({ code, ownerToken }: { code: string; ownerToken: string | null }) {
  const followed = useRecoilValueLoadable(isFollowedState(code)).valueMaybe() ?? null;
  const me = useRecoilValueLoadable(meIfSignedInState).valueMaybe() ?? null;
  const saved = useRecoilValueLoadable(savedDossiersState).valueMaybe();
  const changeSaved = useChangeSavedDossiers();
  const isSaved = saved?.some((s) => s.code === code) ?? false;
  const bump = useSetRecoilState(accountVersionState);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: "success" | "error" | "info"; text: string } | null>(null);

  // What the API says about this dossier is what the phone keeps its owner details by.
  useEffect(() => {
    if (followed !== null && isSaved) void changeSaved((list) => markFollowed(list, code, followed));
  }, [followed, isSaved, code, changeSaved]);

  if (!canSignIn()) return null;
  const messagesOn = me ? messagedThroughZalo(me) : null;

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
      void changeSaved((list) => markFollowed(list, code, true));
      return allowed ? { tone: "success", text: messages.follow.done } : { tone: "info", text: messages.follow.notificationsRefused };
    });
  /** Follows without asking for consent; `chosenWithoutMessages` when the citizen picked "no messages". */
  const followOnly = (chosenWithoutMessages: boolean) =>
    run(async () => {
      await follow(code, ownerToken!);
      void changeSaved((list) => markFollowed(list, code, true));
      // Asked after following, so the answer is about now: consent given earlier still brings Zalo messages.
      const on = await getMe().then(messagedThroughZalo, () => null);
      if (on === null) return { tone: "success", text: messages.follow.doneListed };
      if (!on) return { tone: "success", text: messages.follow.doneWithoutMessages };
      return chosenWithoutMessages ? { tone: "info", text: messages.follow.doneMessagesOn } : { tone: "success", text: messages.follow.done };
    });
  const stop = () =>
    run(async () => {
      await unfollow(code);
      void changeSaved((list) => markFollowed(list, code, false));
      return { tone: "info", text: messages.myDossiers.unfollowed };
    });

  return (
    <section className="card follow-card" aria-labelledby="follow-title">
      <h2 id="follow-title" className="card-title">
        {followed ? messages.follow.following : messages.follow.title}
      </h2>
      {followed ? (
        <>
          <p>
            {messagesOn === null
              ? messages.follow.followingNote
              : messagesOn
                ? messages.follow.followingWithMessages
                : messages.follow.followingWithoutMessages}
          </p>
          <ConfirmAction
            label={messages.follow.unfollow}
            question={messages.follow.unfollowQuestion}
            detail={messages.follow.unfollowDetail}
            confirmLabel={messages.follow.unfollowConfirm}
            busy={busy}
            onConfirm={stop}
          />
        </>
      ) : ownerToken ? (
        messagesOn ? (
          <>
            <p>{messages.follow.messagesAlreadyOn}</p>
            <Button fullWidth size="large" loading={busy} onClick={() => followOnly(false)}>
              {messages.follow.follow}
            </Button>
          </>
        ) : (
          <>
            <p>{messages.follow.purpose}</p>
            <div className="actions">
              <Button fullWidth size="large" loading={busy} onClick={followWithMessages}>
                {messages.follow.followWithMessages}
              </Button>
              <Button fullWidth size="large" variant="tertiary" disabled={busy} onClick={() => followOnly(true)}>
                {messages.follow.followOnly}
              </Button>
            </div>
            <p className="muted">{messages.follow.followOnlyNote}</p>
          </>
        )
      ) : (
        <p>{messages.follow.needOwner}</p>
      )}
      {notice && <InlineAlert tone={notice.tone}>{notice.text}</InlineAlert>}
    </section>
  );
}
