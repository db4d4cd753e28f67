/**
 * The staff figures dashboard's own words (the words it shares with the transparency page are in
 * components/figures/figures-words.ts). Only this lazy page imports them.
 */
import type { PeriodKind } from "../../../domain/figures";

export const figuresMessages = {
  title: "Số liệu điều hành",
  notLinked: "Tài khoản Zalo này chưa liên kết với tài khoản cán bộ.",
  leadersOnly: "Số liệu điều hành dành cho lãnh đạo tỉnh và lãnh đạo phòng.",
  periodTitle: "Thời gian",
  periods: { last12: "12 tháng gần đây", thisYear: "Năm nay", lastMonth: "Tháng trước", custom: "Tùy chọn" } satisfies Record<PeriodKind, string>,
  fromLabel: "Từ ngày",
  toLabel: "Đến ngày",
  show: "Xem số liệu",
  typed: (from: string, to: string) => `Đã chọn: từ ${from} đến ${to}`,
  periodErrors: {
    missing: "Vui lòng chọn đủ ngày bắt đầu và ngày kết thúc.",
    order: "Ngày bắt đầu phải trước ngày kết thúc.",
    future: "Ngày kết thúc không được sau hôm nay.",
  },
  where: "Đang xem",
  province: "Toàn tỉnh",
  levelTitles: { province: "Các cơ quan", agency: "Các phòng, bộ phận", department: "Các thủ tục" },
  tapToOpen: { province: "Chạm vào một cơ quan để xem các phòng của cơ quan đó.", agency: "Chạm vào một phòng để xem các thủ tục." },
  exportCsv: "Xuất CSV",
  exported: "Đã tải tệp về máy.",
} as const;
