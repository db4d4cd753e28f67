/**
 * When this phone holds no proof for the dossier and does not follow it: the ways to prove ownership, right on the
 * rate page. Scanning the slip's QR (inside Zalo) keeps its token; the last 4 digits of the ID number (the dossier
 * page's own unlock) keep a view token. Either way the survey shows at once.
 */
import { useState } from "react";
import { Button } from "zmp-ui";
import { useRecoilValue, useSetRecoilState } from "recoil";
import { getDossier } from "../../api/client";
import { QrIcon } from "../../components/icons";
import { errorMessage, InlineAlert } from "../../components/Notice";
import { dossierPath, parseScanContent } from "../../domain/dossier-link";
import { rememberDossier } from "../../domain/saved-dossiers";
import { messages } from "../../messages";
import { useNavigate } from "../../navigation";
import { insideZalo, scanQrCode } from "../../platform";
import { provinceState, savedDossiersState, tokenRefusalState } from "../../state";
import { UnlockCard } from "../dossier/UnlockCard";

export function ProveOwnership({ code }: { code: string }) {
  const refusal = useRecoilValue(tokenRefusalState(code));
  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="prove-title">
        <h2 id="prove-title" className="card-title">
          {messages.rating.proveTitle}
        </h2>
        <p className="dossier-code">{code}</p>
        <p>{messages.rating.proveBody}</p>
        {refusal && <InlineAlert>{refusal}</InlineAlert>}
        {insideZalo && <ScanSlip code={code} />}
      </section>
      <UnlockCard code={code} visit="rate" />
    </div>
  );
}

function ScanSlip({ code }: { code: string }) {
  const navigate = useNavigate();
  const province = useRecoilValue(provinceState);
  const setSaved = useSetRecoilState(savedDossiersState);
  const setRefusal = useSetRecoilState(tokenRefusalState(code));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const scan = async () => {
    setProblem(null);
    setBusy(true);
    try {
      const result = await scanQrCode();
      if (result.kind === "cancelled") return;
      if (result.kind !== "scanned") return setProblem(result.kind === "denied" ? messages.link.scanDenied : messages.link.scanFailed);
      const target = parseScanContent(result.content, { miniAppIds: province ? [province.miniAppId] : [], appOrigin: window.location.origin });
      if (target.kind !== "dossier") return setProblem(target.kind === "empty" ? messages.link.scanEmpty : messages.link.foreign);
      // Another dossier's slip: open that dossier, as a scan from the home page would.
      if (target.code !== code) return navigate(dossierPath(target));
      if (!target.token) return setProblem(messages.rating.scanNoToken);
      const view = await getDossier(code, target.token);
      if (view.view !== "owner") return setProblem(messages.rating.scanNoToken);
      const now = new Date();
      setRefusal(null);
      setSaved((list) => rememberDossier(list, { code, view, fetchedAt: now.toISOString(), slipToken: target.token }, now));
    } catch (failure) {
      setProblem(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button fullWidth size="large" variant="secondary" prefixIcon={<QrIcon />} loading={busy} onClick={scan}>
        {messages.rating.scan}
      </Button>
      {problem && <InlineAlert>{problem}</InlineAlert>}
    </>
  );
}
