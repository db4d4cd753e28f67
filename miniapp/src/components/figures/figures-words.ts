/**
 * The words of the figures, shared by the staff dashboard and the public transparency page (both lazy): nothing
 * here reaches the citizen's first screen. What the two rates mean follows Decision 766/QĐ-TTg.
 */
import { displayDay, displayMonth, formatCount, formatRate } from "../../domain/figures";

export const figuresWords = {
  onTime: "Tỷ lệ đúng hạn",
  satisfaction: "Tỷ lệ hài lòng",
  onTimeMeaning:
    "Số hồ sơ trả kết quả đúng hoặc trước hạn hẹn ghi trên giấy tiếp nhận, trên tổng số hồ sơ đã giải quyết xong (hồ sơ phải xin lỗi, hẹn lại là trễ hạn), theo Quyết định 766/QĐ-TTg.",
  satisfactionMeaning: "Số lượt đánh giá hài lòng và rất hài lòng, trên tổng số lượt người dân đánh giá sau khi nhận kết quả, theo Quyết định 766/QĐ-TTg.",
  onTimeCounts: (onTime: number, completed: number) => `${formatCount(onTime)}/${formatCount(completed)} hồ sơ đúng hạn`,
  satisfiedCounts: (satisfied: number, ratings: number) => `${formatCount(satisfied)}/${formatCount(ratings)} lượt hài lòng`,
  overdueNow: (n: number) => (n === 0 ? "Không có hồ sơ nào đang quá hạn" : `${formatCount(n)} hồ sơ đang quá hạn`),
  period: (from: string, to: string) => `Từ ${displayDay(from)} đến ${displayDay(to)}`,
  trendLabel: (what: string, first: { month: string; rate: number | null }, last: { month: string; rate: number | null }) =>
    `${what} 12 tháng gần đây: tháng ${displayMonth(first.month)} ${formatRate(first.rate)}, tháng ${displayMonth(last.month)} ${formatRate(last.rate)}`,
  trendEmpty: "Chưa có số liệu theo tháng.",
  rankTitle: "Xếp hạng theo tỷ lệ đúng hạn",
  noRate: "chưa có hồ sơ giải quyết xong",
  empty: "Chưa có số liệu trong thời gian này.",
  unnamed: "Chưa rõ tên",
  tableTitle: "Bảng số liệu",
  monthsTitle: "Số liệu theo tháng",
  tableScroll: "Bảng số liệu, vuốt ngang để xem hết các cột",
  columns: {
    name: "Tên",
    month: "Tháng",
    completed: "Đã giải quyết",
    completedOnTime: "Đúng hạn",
    onTimeRate: "Tỷ lệ đúng hạn",
    overdueNow: "Đang quá hạn",
    ratings: "Lượt đánh giá",
    satisfied: "Hài lòng",
    satisfactionRate: "Tỷ lệ hài lòng",
  },
  total: "Tổng cộng",
  feedbackTitle: "Phản ánh, kiến nghị",
  feedback: {
    received: "Đã nhận",
    answered: "Đã trả lời",
    answeredOnTime: "Trả lời đúng hạn",
    satisfied: "Hài lòng với trả lời",
    of: (part: number, whole: number) => `${formatCount(part)}/${formatCount(whole)}`,
  },
  feedbackMeaning: "Người dân cho biết có hài lòng với câu trả lời hay không, một lần cho mỗi phản ánh.",
} as const;
