import { type StoryRow, storyDossiers } from "./dossiers";
import type { DemoNews } from "./news";
import { PROCEDURE_STORIES } from "./procedure-stories";
import { procedureByCode } from "./procedures";
import type { DemoAgency, DemoDepartment, DemoOfficer } from "./province";
import type { ProvinceRequest } from "./types";

/**
 * The second demo province: Nghệ An (H40) after the 2025 reform, smaller than Thanh Hóa's demo but walkable: the
 * provincial Public Administration Service Centre in Vinh and one ward-level centre, three desks, six officers,
 * four procedures of the first demo and six dossiers in different states. It lives in its own D1 database (the
 * shard named below). Pure data: seeded through the real API by scripts/lib/demo-seed-second.ts and by
 * test/worker/demo-second.test.ts.
 *
 * No communes: the repository holds only Thanh Hóa's units and their national codes (communes.ts), and a commune
 * without its real code would mislead an alert's area.
 */
export const DEMO2_PROVINCE_ID = "nghe-an";

/** The D1 binding that holds the province (the admin API's `shard`). */
export const DEMO2_SHARD = "DB_NGHE_AN";

export const DEMO2_PROVINCE_PATH = `/v1/admin/provinces/${DEMO2_PROVINCE_ID}`;

export const DEMO2_PROVINCE: ProvinceRequest & { shard: string } = {
  name: "Tỉnh Nghệ An",
  shortName: "Nghệ An",
  channelName: "Dịch vụ công Nghệ An",
  // Deep blue and lotus pink (the lotus of Kim Liên), so the two demo provinces never look alike.
  primaryColor: "#14508c",
  accentColor: "#d6457a",
  hotline: "0238 3 599 599",
  agencyCode: "H40",
  zaloOaId: "3104577290018762541",
  shard: DEMO2_SHARD,
};

export const DEMO2_CLIENT_NAME = "Hệ thống thông tin giải quyết TTHC tỉnh Nghệ An (dữ liệu mẫu)";

/** Its own mini app (in slip deep links); its Zalo app's id and secrets are local secrets (DEMO2_ZALO_* in .dev.vars). */
export const DEMO2_MINI_APP_ID = "4198305521770428613";

export const DEMO2_PROVINCIAL_CENTRE_ID = "000.00.06.H40";

const WEEKDAYS = [1, 2, 3, 4, 5];
const OFFICE_HOURS = [
  { days: WEEKDAYS, opens: "07:00", closes: "11:30" },
  { days: WEEKDAYS, opens: "13:30", closes: "17:00" },
];

export const DEMO2_AGENCIES: DemoAgency[] = [
  {
    id: DEMO2_PROVINCIAL_CENTRE_ID,
    prefix: "hcc",
    level: "province",
    place: "tỉnh Nghệ An",
    request: {
      name: "Trung tâm Phục vụ hành chính công tỉnh Nghệ An",
      shortName: "TT PVHCC tỉnh",
      level: "province",
      address: "Số 1 đường Trường Thi, phường Thành Vinh, tỉnh Nghệ An",
      phone: "0238 3 599 599",
      openingHours: [...OFFICE_HOURS, { days: [6], opens: "07:30", closes: "11:30" }],
      hoursNote: "Sáng thứ Bảy chỉ trả kết quả. Nghỉ Chủ nhật và các ngày lễ, Tết theo quy định.",
      latitude: 18.6745,
      longitude: 105.6925,
      // Demo collection account (not a real account): the bank's real NAPAS BIN, a made-up account number.
      collectionAccount: {
        bankBin: "970415",
        bankName: "VietinBank",
        accountNumber: "118000040040",
        accountName: "TT PHUC VU HANH CHINH CONG TINH NGHE AN (DU LIEU MAU)",
      },
    },
  },
  {
    id: "000.00.31.H40",
    prefix: "tv",
    level: "commune",
    place: "phường Trường Vinh",
    request: {
      name: "Trung tâm Phục vụ hành chính công phường Trường Vinh",
      shortName: "TT PVHCC phường Trường Vinh",
      level: "commune",
      address: "Số 86 đường Nguyễn Văn Cừ, phường Trường Vinh, tỉnh Nghệ An",
      phone: "0238 3 844 216",
      openingHours: OFFICE_HOURS,
      hoursNote: "Nghỉ thứ Bảy, Chủ nhật và các ngày lễ, Tết theo quy định.",
      latitude: 18.6796,
      longitude: 105.6953,
    },
  },
];

/** Desks: criminal records and land at the provincial centre, civil status at the ward. */
export const DEMO2_DEPARTMENTS: DemoDepartment[] = [
  { id: "hcc-ca", desk: "ca", request: { agencyId: DEMO2_PROVINCIAL_CENTRE_ID, name: "Công an tỉnh – Phòng Hồ sơ nghiệp vụ" } },
  { id: "hcc-dd", desk: "dd", request: { agencyId: DEMO2_PROVINCIAL_CENTRE_ID, name: "Văn phòng Đăng ký đất đai tỉnh (Sở Nông nghiệp và Môi trường)" } },
  { id: "tv-tpht", desk: "tpht", request: { agencyId: "000.00.31.H40", name: "Phòng Tư pháp – Hộ tịch" } },
];

/** Public-facing names and titles only, as the citizen sees them on the dossier page. */
export const DEMO2_OFFICERS: DemoOfficer[] = [
  officer("cb-hcc-ca-1", "hcc-ca", "Hồ Sỹ Hùng", "Thiếu tá, Phó Trưởng phòng Hồ sơ nghiệp vụ", "department_head"),
  officer("cb-hcc-ca-2", "hcc-ca", "Phan Thị Hoài Thu", "Thượng úy, cán bộ tiếp nhận", "officer"),
  officer("cb-hcc-dd-1", "hcc-dd", "Nguyễn Cảnh Toàn", "Phó Giám đốc Văn phòng Đăng ký đất đai", "department_head"),
  officer("cb-hcc-dd-2", "hcc-dd", "Thái Thị Minh Nguyệt", "Chuyên viên", "officer"),
  officer("cb-tv-tpht-1", "tv-tpht", "Trần Thị Hải Yến", "Công chức Tư pháp – Hộ tịch", "officer"),
  officer("cb-tv-tpht-2", "tv-tpht", "Đặng Văn Lộc", "Công chức Tư pháp – Hộ tịch", "officer"),
];

function officer(id: string, departmentId: string, displayName: string, title: string, role: "officer" | "department_head"): DemoOfficer {
  return { id, request: { displayName, title, departmentId, role } };
}

/** The first demo's procedures these desks handle (national codes: the same procedure in every province). */
export const DEMO2_PROCEDURES = ["2.000488", "1.012806", "1.001193", "1.000894"].map(procedureByCode);

/** [story, procedure, agency prefix, received this many working days before the demo's today, story parameter]. */
const ROWS: StoryRow[] = [
  ["processing", "1.012806", "hcc", 3],
  ["fee", "1.012806", "hcc", 5],
  ["overdue", "2.000488", "hcc", 13],
  ["ready_early", "2.000488", "hcc", 5, 1],
  ["supplement", "1.000894", "tv", 2],
  ["returned_early", "1.001193", "tv", 2],
];

/** The six dossiers, relative to `now` like the first demo's: 040 is Nghệ An's code of birth in ID numbers. */
export function secondDemoDossiers(now: Date) {
  return storyDossiers(
    {
      rows: ROWS,
      agencies: DEMO2_AGENCIES,
      officersOf: (departmentId) => DEMO2_OFFICERS.filter((o) => o.request.departmentId === departmentId),
      provincialCentreId: DEMO2_PROVINCIAL_CENTRE_ID,
      birthProvince: "040",
      seedBase: 1000,
    },
    now,
  );
}

/** Reference data as PUT requests, agencies before departments before officers, as the API needs them. */
export function secondDemoReferenceWrites() {
  const segment = encodeURIComponent;
  return [
    ...DEMO2_AGENCIES.map((a) => ({ path: `/v1/integration/agencies/${segment(a.id)}`, body: a.request })),
    ...DEMO2_DEPARTMENTS.map((d) => ({ path: `/v1/integration/departments/${segment(d.id)}`, body: d.request })),
    ...DEMO2_OFFICERS.map((o) => ({ path: `/v1/integration/officers/${segment(o.id)}`, body: o.request })),
    ...DEMO2_PROCEDURES.map((p) => ({
      path: `/v1/integration/procedures/${segment(p.code)}`,
      body: { shortName: PROCEDURE_STORIES[p.code]?.short, ...p.request },
    })),
  ];
}

/** One post, published the day before the seed, without messaging anyone (it is history by the time of a demo). */
export function secondDemoNews(now: Date): DemoNews[] {
  return [
    {
      id: "tin-demo-na-tra-cuu-ho-so",
      cover: false,
      request: {
        category: "huong-dan",
        title: "Theo dõi hồ sơ bằng mã trên giấy hẹn, không phải đến hỏi",
        summary: "Nhập mã hồ sơ in trên giấy tiếp nhận và hẹn trả kết quả, hoặc quét mã QR, để biết hồ sơ đang ở bước nào.",
        body: [
          "Mỗi hồ sơ nộp tại Trung tâm Phục vụ hành chính công tỉnh Nghệ An hoặc bộ phận một cửa các xã, phường đều có mã hồ sơ in trên giấy tiếp nhận và hẹn trả kết quả.",
          "Ông/bà nhập mã đó ở trang đầu của ứng dụng, hoặc quét mã QR trên giấy, để xem hồ sơ đang được xử lý, cần bổ sung giấy tờ, chờ nộp phí hay đã có kết quả. Muốn xem đầy đủ, ông/bà nhập thêm 4 số cuối số căn cước của người nộp.",
          "Nếu hồ sơ trễ hẹn, cơ quan giải quyết phải gửi phiếu xin lỗi và hẹn lại ngày trả. Mọi thắc mắc xin gọi đường dây nóng 0238 3 599 599.",
        ].join("\n\n"),
        publishedAt: new Date(now.getTime() - 20 * 3_600_000).toISOString(),
        notify: false,
      },
    },
  ];
}
