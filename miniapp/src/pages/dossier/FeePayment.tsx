/**
 * How to pay a fee (the status card above says how much and by when): the one-stop system's payment page as the
 * main button when it sent one; a VietQR bank transfer to the agency's collection account, with the account and the
 * transfer note to copy; and the desk to pay at in person. Shown to the owner of a dossier waiting for its fee.
 */
import { useState, type MouseEvent } from "react";
import { Button } from "zmp-ui";
import type { AgencyPlace, DossierFee } from "../../api/types";
import { Fact } from "../../components/Fact";
import { PlaceCard } from "../../components/PlaceCard";
import { InlineAlert } from "../../components/Notice";
import { QrCode } from "../../components/QrCode";
import { formatVnd } from "../../domain/money";
import { messages } from "../../messages";
import { copyText, openLink } from "../../platform";

type Props = {
  code: string;
  fee: DossierFee;
  /** The desk that takes the fee in person (the dossier's agency). */
  place: AgencyPlace;
  now?: Date;
};

export function FeePayment({ code, fee, place, now = new Date() }: Props) {
  const m = messages.fee;
  const paymentUrl = fee.paymentUrl && /^https:\/\//i.test(fee.paymentUrl) ? fee.paymentUrl : null;
  const remote = !!paymentUrl || !!fee.transfer;
  return (
    <div className="fee-payment">
      {paymentUrl && <PayOnline url={paymentUrl} />}
      {fee.transfer && <BankTransfer id={`fee-transfer-${code}`} transfer={fee.transfer} />}
      <PlaceCard place={place} heading={remote ? m.inPersonToo : m.inPerson} now={now} />
    </div>
  );
}

export default FeePayment;

/** Inside Zalo the page opens in Zalo's webview (back to the app afterwards); in a browser, in a new tab. */
function PayOnline({ url }: { url: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    void openLink(url, "page").then((handled) => {
      if (!handled) window.open(url, "_blank", "noopener");
    });
  };
  return (
    <div className="stack">
      <a href={url} target="_blank" rel="noopener noreferrer" onClick={onClick} className="button-link fee-pay-online">
        {messages.fee.payOnline}
      </a>
      <p className="muted">{messages.fee.payOnlineHint}</p>
    </div>
  );
}

type Transfer = NonNullable<DossierFee["transfer"]>;

function BankTransfer({ id, transfer }: { id: string; transfer: Transfer }) {
  const m = messages.fee;
  const amount = formatVnd(transfer.amountVnd);
  const [copied, setCopied] = useState<{ text: string; tone: "success" | "error" } | null>(null);
  const copy = async (text: string, done: string) => {
    setCopied((await copyText(text)) ? { text: done, tone: "success" } : { text: m.copyFailed, tone: "error" });
  };
  return (
    <section className="fee-transfer" aria-labelledby={id}>
      <h3 id={id} className="fee-subtitle">
        {m.transferTitle}
      </h3>
      <p>{m.transferHow}</p>
      <div className="qr-frame">
        <QrCode text={transfer.vietQr} label={m.qrLabel(amount, transfer.bankName, transfer.accountNumber)} loadingText={m.qrLoading} failedText={m.qrFailed} />
      </div>
      <p className="muted">{m.samePhone}</p>
      <dl className="facts">
        <Fact label={m.bank} value={transfer.bankName} />
        <Fact label={m.accountNumber} value={transfer.accountNumber} className="fee-copyable" />
        <Fact label={m.accountName} value={transfer.accountName} />
        <Fact label={m.amount} value={amount} />
        <Fact label={m.transferNote} value={transfer.transferNote} className="fee-copyable" />
      </dl>
      <div className="actions">
        <Button fullWidth size="large" variant="secondary" onClick={() => void copy(transfer.accountNumber, m.copiedAccount)}>
          {m.copyAccount}
        </Button>
        <Button fullWidth size="large" variant="secondary" onClick={() => void copy(transfer.transferNote, m.copiedNote)}>
          {m.copyNote}
        </Button>
      </div>
      {copied && <InlineAlert tone={copied.tone}>{copied.text}</InlineAlert>}
      <p className="fee-keep-note">{m.keepNote(transfer.transferNote)}</p>
    </section>
  );
}
