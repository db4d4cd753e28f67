import { useRef, useState, type FormEvent } from "react";
import { Button } from "zmp-ui";
import { useRecoilState, useRecoilValueLoadable } from "recoil";
import { QrIcon, SearchIcon } from "../../components/icons";
import { InlineAlert } from "../../components/Notice";
import { dossierPath, parseScanContent, parseTypedCode, sameDossierCode, type LinkContext, type LinkOutcome } from "../../domain/dossier-link";
import { messages } from "../../messages";
import { useNavigate } from "../../navigation";
import { scanQrCode } from "../../platform";
import { provinceState, savedDossiersState, typedCodeState } from "../../state";
import { useShellHandover } from "./handover";
import { ScanFallback } from "./ScanFallback";

const PROBLEM: Record<Exclude<LinkOutcome["kind"], "dossier">, string> = {
  empty: messages.link.empty,
  invalid_code: messages.link.invalidCode,
  foreign: messages.link.foreign,
};

export function LookupCard() {
  const navigate = useNavigate();
  const province = useRecoilValueLoadable(provinceState).valueMaybe();
  const inputRef = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useRecoilState(typedCodeState);
  const saved = useRecoilValueLoadable(savedDossiersState).valueMaybe();
  // The first render takes over from index.html's copy of this card, with what was typed in it (./handover.ts);
  // once the citizen types here, the field is theirs.
  const typedInShell = useShellHandover(inputRef, () => void scan());
  const [touched, setTouched] = useState(false);
  const text = touched || typed.text ? typed.text : typedInShell;
  // The field keeps what was typed until that dossier is found (and so kept on the phone): back from "Không tìm
  // thấy", the citizen corrects the code instead of typing it all again.
  const found = typed.code !== null && !!saved?.some((s) => sameDossierCode(s.code, typed.code!));
  const code = found ? "" : text;
  const [problem, setProblem] = useState<string | null>(null);
  const [scanProblem, setScanProblem] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const [fallbackOpen, setFallbackOpen] = useState(false);

  const context: LinkContext = { miniAppIds: province ? [province.miniAppId] : [], appOrigin: window.location.origin };

  const open = (outcome: LinkOutcome, report: (message: string) => void, emptyMessage = PROBLEM.empty) => {
    if (outcome.kind === "dossier") {
      navigate(dossierPath(outcome));
      return;
    }
    report(outcome.kind === "empty" ? emptyMessage : PROBLEM[outcome.kind]);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setScanProblem(null);
    const outcome = parseTypedCode(code, context);
    setTyped({ text: code, code: outcome.kind === "dossier" ? outcome.code : null });
    open(outcome, (message) => {
      setProblem(message);
      inputRef.current?.focus();
    });
  };

  const onScanned = (content: string) => {
    setFallbackOpen(false);
    open(parseScanContent(content, context), setScanProblem, messages.link.scanEmpty);
  };

  const scan = async () => {
    setProblem(null);
    setScanProblem(null);
    setScanning(true);
    const result = await scanQrCode();
    setScanning(false);
    switch (result.kind) {
      case "scanned":
        return onScanned(result.content);
      case "unavailable":
        return setFallbackOpen(true);
      case "denied":
        return setScanProblem(messages.link.scanDenied);
      case "failed":
        return setScanProblem(messages.link.scanFailed);
      case "cancelled":
        return;
    }
  };

  return (
    <section className="card lookup-card">
      <form onSubmit={submit} className="stack" noValidate>
        <label id="code-label" className="field-label field-label-large" htmlFor="dossier-code">
          {messages.home.codeLabel}
        </label>
        <input
          ref={inputRef}
          id="dossier-code"
          className="text-input code-input"
          type="text"
          inputMode="text"
          enterKeyHint="search"
          autoCapitalize="characters"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          placeholder={messages.home.codePlaceholder}
          value={code}
          aria-invalid={problem ? true : undefined}
          aria-describedby="code-hint"
          onChange={(e) => {
            setTouched(true);
            setTyped({ text: e.target.value, code: null });
            if (problem) setProblem(null);
          }}
        />
        <p id="code-hint" className="muted">
          {messages.home.codeHint}
        </p>
        {problem && <InlineAlert>{problem}</InlineAlert>}
        <Button htmlType="submit" fullWidth size="large" prefixIcon={<SearchIcon />}>
          {messages.home.lookUp}
        </Button>
      </form>
      <p className="divider">
        <span>{messages.home.or}</span>
      </p>
      <Button fullWidth size="large" variant="secondary" className="scan-button" prefixIcon={<QrIcon />} loading={scanning} onClick={scan}>
        {messages.home.scan}
      </Button>
      <p className="muted">{messages.home.scanHint}</p>
      {scanProblem && <InlineAlert>{scanProblem}</InlineAlert>}
      {fallbackOpen && (
        <ScanFallback
          onType={() => {
            setFallbackOpen(false);
            inputRef.current?.focus();
          }}
          onScanned={onScanned}
          onProblem={setScanProblem}
          onClose={() => setFallbackOpen(false)}
        />
      )}
    </section>
  );
}
