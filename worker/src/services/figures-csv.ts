/** The figures as a CSV table for a spreadsheet: UTF-8 with a BOM, Vietnamese headers, a row per group and the total. */
import { percentVi } from "../domain/figures";
import type { FigureGroup, Figures } from "../schemas/figures";

const KEY_HEADER: Record<Figures["groupBy"], string> = { agency: "Cơ quan", department: "Phòng ban", procedure: "Thủ tục", month: "Tháng" };

const COLUMNS: [string, (g: FigureGroup) => string | number][] = [
  ["Mã", (g) => g.key],
  ["Hồ sơ đã giải quyết", (g) => g.completed],
  ["Đúng hạn", (g) => g.completedOnTime],
  ["Trước hạn", (g) => g.completedEarly],
  ["Trễ hạn", (g) => g.completedLate],
  ["Tỷ lệ đúng hạn (%)", (g) => percentVi(g.onTimeRate)],
  ["Đang quá hạn", (g) => g.overdueNow],
  ["Lượt đánh giá", (g) => g.ratings],
  ["Hài lòng", (g) => g.satisfied],
  ["Tỷ lệ hài lòng (%)", (g) => percentVi(g.satisfactionRate)],
  ["Phản ánh nhận", (g) => g.feedbackReceived],
  ["Phản ánh đã trả lời", (g) => g.feedbackAnswered],
  ["Trả lời đúng hạn", (g) => g.feedbackAnsweredOnTime],
  ["Đánh giá trả lời", (g) => g.feedbackRated],
  ["Hài lòng với trả lời", (g) => g.feedbackSatisfied],
  ["Tỷ lệ hài lòng với trả lời (%)", (g) => percentVi(g.feedbackSatisfactionRate)],
];

/** A field quoted when it holds a separator, a quote or a line break (rates do: "91,5"); a leading = + - @ is defused. */
function field(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function figuresCsv(f: Figures): string {
  const header = [KEY_HEADER[f.groupBy], ...COLUMNS.map(([h]) => h)];
  const row = (g: FigureGroup) => [g.name, ...COLUMNS.map(([, get]) => get(g))].map(field).join(",");
  const total = { ...f.total, key: "" };
  return `\uFEFF${[header.map(field).join(","), ...f.groups.map(row), row(total)].join("\r\n")}\r\n`;
}
