import { vnDisplayDate } from "../domain/time";
import { qrPath } from "./qr";

export type SlipFacts = {
  code: string;
  qrContent: string;
  provinceName: string;
  channelName: string;
  agencyName: string;
  receivedAt: string;
  dueAt: string;
  hotline: string | null;
};

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Greedy word wrap for SVG text, which does not wrap by itself. */
function wrap(text: string, maxChars: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && `${line} ${word}`.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = `${lines[maxLines - 1]!.slice(0, maxChars - 1)}…`;
  }
  return lines;
}

/**
 * A printable A6 slip (105 × 148 mm; user units are millimetres). It carries the code, the agency and dates, and
 * a QR that opens the dossier in the Zalo mini app. Nothing on it names the applicant.
 */
export function renderSlipSvg(f: SlipFacts): string {
  const qr = qrPath(f.qrContent);
  const qrMm = 56;
  const qrX = (105 - qrMm) / 2;
  const qrY = 52;
  const scale = qrMm / (qr.size + 8);
  const lines = (texts: string[], x: number, y: number, size: number, weight = 400, anchor = "middle") =>
    texts
      .map(
        (t, i) =>
          `<text x="${x}" y="${(y + i * size * 1.3).toFixed(2)}" font-size="${size}" font-weight="${weight}" text-anchor="${anchor}">${escapeXml(t)}</text>`,
      )
      .join("");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="105mm" height="148mm" viewBox="0 0 105 148" font-family="'Be Vietnam Pro','Noto Sans','Roboto','Arial',sans-serif" fill="#1a1a1a">`,
    `<title>Giấy theo dõi hồ sơ ${escapeXml(f.code)}</title>`,
    `<rect x="1" y="1" width="103" height="146" rx="3" fill="#fff" stroke="#1a1a1a" stroke-width="0.3"/>`,
    lines([f.provinceName.toUpperCase()], 52.5, 9, 3.4, 700),
    lines(wrap(f.agencyName, 50, 2), 52.5, 14, 3.2),
    `<line x1="10" y1="21" x2="95" y2="21" stroke="#1a1a1a" stroke-width="0.2"/>`,
    lines(["GIẤY THEO DÕI HỒ SƠ"], 52.5, 27.5, 4.2, 700),
    lines(["Mã hồ sơ"], 52.5, 34, 3),
    lines([f.code], 52.5, 40, 4.6, 700),
    lines([`Ngày tiếp nhận: ${vnDisplayDate(f.receivedAt)} · Hẹn trả: ${vnDisplayDate(f.dueAt)}`], 52.5, 47, 3),
    `<g transform="translate(${qrX} ${qrY}) scale(${scale.toFixed(4)})"><rect width="${qr.size + 8}" height="${qr.size + 8}" fill="#fff"/><path transform="translate(4 4)" d="${qr.path}"/></g>`,
    lines(["Quét mã bằng Zalo để theo dõi hồ sơ"], 52.5, qrY + qrMm + 6, 4, 700),
    lines(
      [
        "Mở Zalo, bấm biểu tượng quét mã QR và quét mã trên.",
        `Hoặc tìm “${f.channelName}” trên Zalo`,
        "và nhập mã hồ sơ để xem tình trạng, cán bộ xử lý,",
        "ngày hẹn trả và giấy tờ cần bổ sung.",
      ],
      52.5,
      qrY + qrMm + 12,
      2.9,
    ),
    f.hotline ? lines([`Đường dây nóng: ${f.hotline}`], 52.5, 141, 2.9, 700) : "",
    `</svg>`,
  ].join("");
}
