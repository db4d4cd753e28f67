/**
 * The demo's officials' notices, as the province's document and scheduling systems would send them, relative to the
 * day the demo is started: a document to process due in two working days, a document waiting for approval and a
 * meeting tomorrow at 14:00, for the centre's director and the head of the justice desk. Their ids carry the day, so
 * starting the demo again the same day sends duplicates and another day sends fresh ones.
 */
import { addWorkingDays, instantMs, isoDate, vnDayOf, vnIso } from "./calendar";

/** The director (province admin, dev user `lanhdao`) and a department head. */
export const DEMO_NOTICE_OFFICERS = ["cb-hcc-vp-1", "cb-hcc-stp-1"];

export type DemoNotice = { id: string; body: Record<string, unknown> };

export function demoNotices(now: Date): DemoNotice[] {
  const today = vnDayOf(now);
  const tag = isoDate(today).replaceAll("-", "");
  const at = (day: number, hh: number, mm = 0) => vnIso(instantMs(day, hh * 60 + mm));
  const recipients = { officerIds: DEMO_NOTICE_OFFICERS };
  return [
    {
      id: `demo-vb-xuly-${tag}`,
      body: {
        kind: "document_to_process",
        title: "Kế hoạch rà soát, đơn giản hóa thủ tục hành chính năm 2027",
        documentNumber: "215/KH-UBND",
        issuer: "UBND tỉnh Thanh Hóa",
        summary: "Đề nghị Trung tâm rà soát các thủ tục tiếp nhận tại Bộ phận một cửa, đề xuất phương án đơn giản hóa và báo cáo về Văn phòng UBND tỉnh.",
        deadline: at(addWorkingDays(today, 2), 17),
        link: "https://qlvb.example.vn/van-ban/215-KH-UBND",
        recipients,
      },
    },
    {
      id: `demo-vb-duyet-${tag}`,
      body: {
        kind: "document_to_approve",
        title: "Tờ trình công bố danh mục thủ tục hành chính tiếp nhận tại Trung tâm",
        documentNumber: "87/TTr-TTPVHCC",
        issuer: "Phòng Hành chính tư pháp",
        summary: "Trình Giám đốc Trung tâm ký ban hành danh mục 12 thủ tục bổ sung từ tháng tới.",
        deadline: at(addWorkingDays(today, 3), 11),
        link: "https://qlvb.example.vn/van-ban/87-TTr-TTPVHCC",
        recipients,
      },
    },
    {
      id: `demo-hop-${tag}`,
      body: {
        kind: "meeting",
        title: "Họp giao ban công tác phục vụ hành chính công",
        startsAt: at(today + 1, 14),
        endsAt: at(today + 1, 16),
        place: "Phòng họp tầng 3, Trung tâm Phục vụ hành chính công tỉnh, 28 Đại lộ Lê Lợi",
        agenda: "1. Kết quả giải quyết hồ sơ trong tháng, hồ sơ quá hạn và lý do.\n2. Phản ánh, kiến nghị chưa trả lời.\n3. Nhiệm vụ tháng tới.",
        chair: "Giám đốc Trung tâm Đào Văn Thành",
        recipients,
      },
    },
  ];
}
