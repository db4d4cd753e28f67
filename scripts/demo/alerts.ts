/**
 * The demo province's emergency alert: heavy rain and flooding for a ward of the city, as the province's disaster
 * prevention command would send it in CAP 1.2 (the JSON form). It expires three days after the seed, so a fresh
 * demo always shows an active alert on the home page, and a new day's seed sends a new one.
 */
import { vnIso } from "./calendar";

/** The ward the alert warns; the communes list of the demo province names it too. */
export const DEMO_ALERT_COMMUNE = { code: "15853", name: "Phường Hạc Thành" };

const DAY_MS = 24 * 60 * 60 * 1000;

export function demoAlert(now: Date) {
  const sent = vnIso(now.getTime() - 30 * 60 * 1000);
  return {
    identifier: `thanh-hoa-mua-lu-${sent.slice(0, 10).replaceAll("-", "")}`,
    sender: "pcttkcn@thanhhoa.gov.vn",
    sent,
    status: "Actual",
    msgType: "Alert",
    scope: "Public",
    info: [
      {
        language: "vi-VN",
        category: ["Met"],
        event: "Mưa lớn, ngập úng",
        responseType: ["Avoid", "Prepare"],
        urgency: "Expected",
        severity: "Severe",
        certainty: "Likely",
        senderName: "Ban Chỉ huy Phòng thủ dân sự tỉnh Thanh Hóa",
        headline: "Mưa lớn, nguy cơ ngập sâu tại phường Hạc Thành",
        description: "Từ chiều nay đến hết ngày mai, mưa to đến rất to (100–200 mm). Các tuyến phố thấp trũng ven sông Nhà Lê có thể ngập 0,3–0,5 m.",
        instruction:
          "Không đi qua các đoạn đường ngập sâu, nước chảy xiết. Kê cao đồ đạc, tài sản; di chuyển người già, trẻ nhỏ đến nơi an toàn khi có yêu cầu. Khi cần cứu hộ, gọi 112.",
        expires: vnIso(now.getTime() + 3 * DAY_MS),
        area: [
          {
            areaDesc: "Các tuyến phố thấp trũng ven sông Nhà Lê, phường Hạc Thành",
            geocode: [{ valueName: "ma_xa", value: DEMO_ALERT_COMMUNE.code }],
          },
        ],
      },
    ],
  };
}
