/** Emergency alerts: the home banner and the alert page. Loaded with them, never with the first screen. */
import type { AlertTone } from "../../domain/alerts";

export const alertMessages = {
  title: "Cảnh báo khẩn cấp",
  severity: {
    Extreme: "Cực kỳ nguy hiểm",
    Severe: "Nguy hiểm",
    Moderate: "Cần đề phòng",
    Minor: "Lưu ý",
    Unknown: "Lưu ý",
  } as Record<string, string>,
  toneLabel: { red: "Mức đỏ", orange: "Mức cam", yellow: "Mức vàng" } satisfies Record<AlertTone, string>,
  urgency: {
    Immediate: "Cần làm ngay",
    Expected: "Sắp xảy ra",
    Future: "Có thể xảy ra",
    Past: "Đã qua",
    Unknown: "",
  } as Record<string, string>,
  open: "Xem hướng dẫn",
  more: (n: number) => `và ${n} cảnh báo khác`,
  ended: (event: string) => `Cảnh báo ${event} đã kết thúc.`,
  endedAt: (time: string) => `Kết thúc lúc ${time}.`,
  updated: "Cảnh báo đã được cập nhật",
  whatToDo: "Ông/bà cần làm gì",
  noInstruction: "Theo dõi thông báo của chính quyền địa phương.",
  description: "Tình hình",
  area: "Khu vực",
  effective: "Hiệu lực từ",
  expires: "Hết hiệu lực",
  sentBy: "Cơ quan ban hành",
  sentAt: "Ban hành lúc",
  over: {
    cancelled: "Nguy hiểm đã qua. Cảnh báo này đã được hủy.",
    expired: "Cảnh báo này đã hết hiệu lực. Nguy hiểm đã qua.",
  } as Record<string, string>,
  notFound: "Không tìm thấy cảnh báo này. Có thể đường dẫn đã sai.",
  hotline: (hotline: string) => `Gọi đường dây nóng ${hotline}`,
  chooseCommunes: "Chọn xã, phường để nhận đúng cảnh báo cho nơi ông/bà",
} as const;
