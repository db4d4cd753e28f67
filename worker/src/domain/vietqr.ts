/**
 * VietQR bank-transfer codes (NAPAS 247): EMVCo's merchant-presented QR format, which every Vietnamese banking app
 * scans. A payload is a run of ID–length–value fields; tag 38 names the receiving account (NAPAS's GUID, the bank's
 * BIN and the account number, service QRIBFTTA: transfer to an account), tag 54 the amount in đồng, tag 62/08 the
 * transfer note, and tag 63 a CRC-16/CCITT-FALSE over everything before its value.
 */

export const NAPAS_GUID = "A000000727";
const TRANSFER_TO_ACCOUNT = "QRIBFTTA";
const VND = "704";
/** EMVCo caps the purpose of transaction (tag 62, sub-tag 08) at 25 characters. */
export const MAX_TRANSFER_NOTE = 25;

export type VietQrTransfer = {
  /** The receiving bank's 6-digit NAPAS BIN (e.g. 970415 VietinBank). */
  bankBin: string;
  accountNumber: string;
  /** Whole đồng; without it the payer types the amount (a static code). */
  amountVnd?: number;
  /** What the payer's bank writes on the transfer, so the agency can match it to the dossier. */
  note?: string;
};

const field = (id: string, value: string) => {
  if (value.length > 99) throw new RangeError(`VietQR field ${id} is longer than 99 characters`);
  return `${id}${String(value.length).padStart(2, "0")}${value}`;
};

/** CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF, no reflection), as 4 upper-case hex digits. */
export function crc16CcittFalse(text: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, "0");
}

/**
 * A transfer note banks accept: ASCII letters, digits, spaces, dots and dashes, at most 25 characters. A dossier
 * code that is too long loses its dots first (it still identifies the dossier), then is cut.
 */
export function transferNote(text: string): string {
  const plain = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9 .-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (plain.length <= MAX_TRANSFER_NOTE) return plain;
  return plain.replaceAll(".", "").slice(0, MAX_TRANSFER_NOTE);
}

/**
 * The payload of a VietQR code for a transfer to an account. With an amount the code is for this one payment
 * (point of initiation 12), without one it is reusable (11), as banks issue them.
 */
export function vietQrPayload(transfer: VietQrTransfer): string {
  if (!/^\d{6}$/.test(transfer.bankBin)) throw new RangeError("bankBin must be the bank's 6-digit NAPAS BIN");
  if (!/^[0-9A-Za-z]{1,19}$/.test(transfer.accountNumber)) throw new RangeError("accountNumber must be 1–19 letters or digits");
  const amount = transfer.amountVnd;
  if (amount !== undefined && (!Number.isInteger(amount) || amount <= 0 || amount > 9_999_999_999_999)) {
    throw new RangeError("amountVnd must be a positive whole number of đồng");
  }
  const beneficiary = field("00", transfer.bankBin) + field("01", transfer.accountNumber);
  const account = field("00", NAPAS_GUID) + field("01", beneficiary) + field("02", TRANSFER_TO_ACCOUNT);
  const note = transfer.note ? transferNote(transfer.note) : "";
  const body =
    field("00", "01") +
    field("01", amount ? "12" : "11") +
    field("38", account) +
    field("53", VND) +
    (amount ? field("54", String(amount)) : "") +
    field("58", "VN") +
    (note ? field("62", field("08", note)) : "") +
    "6304";
  return body + crc16CcittFalse(body);
}

/** The top-level fields of an EMVCo payload, in order; null when it is not well formed or its CRC is wrong. */
export function readEmvFields(payload: string): [string, string][] | null {
  const fields = readFields(payload);
  if (fields?.at(-1)?.[0] !== "63") return null;
  const crc = fields.at(-1)![1];
  return crc.toUpperCase() === crc16CcittFalse(payload.slice(0, -4)) ? fields : null;
}

/** ID–length–value fields of a template (a payload or a field's value); null when the lengths do not add up. */
export function readFields(text: string): [string, string][] | null {
  const out: [string, string][] = [];
  for (let at = 0; at < text.length; ) {
    const id = text.slice(at, at + 2);
    const length = Number(text.slice(at + 2, at + 4));
    if (!/^\d{2}$/.test(id) || !/^\d{2}$/.test(text.slice(at + 2, at + 4)) || at + 4 + length > text.length) return null;
    out.push([id, text.slice(at + 4, at + 4 + length)]);
    at += 4 + length;
  }
  return out;
}
