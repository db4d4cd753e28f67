import { useState } from "react";
import { useSetRecoilState } from "recoil";
import { accountVersionState } from "../state/account";
import { errorMessage } from "./Notice";

/**
 * Runs one signed-in action with a busy flag and its outcome shown next to the form (`done` on success, the API's
 * message on failure); on success the account's data (inbox, threads, figures) is read again, unless the action
 * changed nothing (`refresh: false`, as a download).
 */
export function useAction(done: string, { refresh = true }: { refresh?: boolean } = {}) {
  const bump = useSetRecoilState(accountVersionState);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    setNotice(null);
    try {
      await action();
      setNotice({ tone: "success", text: done });
      if (refresh) bump((n) => n + 1);
    } catch (error) {
      setNotice({ tone: "error", text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };
  return { busy, notice, run };
}
