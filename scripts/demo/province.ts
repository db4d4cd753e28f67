import type { AgencyRequest, DepartmentRequest, OfficerRequest, ProvinceRequest } from "./types";

/**
 * The demo province: Thanh Hóa (H56) after the 2025 reform, i.e. a provincial Public Administration Service
 * Centre and commune/ward-level centres, no district level. Pure data: seeded through the real API by
 * scripts/lib/demo-seed.ts and by test/worker/demo.test.ts.
 */
export const DEMO_PROVINCE_ID = "thanh-hoa";

export const DEMO_PROVINCE: ProvinceRequest = {
  name: "Tỉnh Thanh Hóa",
  shortName: "Thanh Hóa",
  channelName: "Dịch vụ công Thanh Hóa",
  // Deep red and gold: the colours of the province's public-service portal and of most provincial channels.
  primaryColor: "#a4161a",
  accentColor: "#e8a317",
  hotline: "0237 3 727 888",
  agencyCode: "H56",
  zaloOaId: "2710448371651042853",
  // Its own D1 database (wrangler.jsonc), as every province of a national deployment has.
  shard: "DB_THANH_HOA",
};

export const DEMO_CLIENT_NAME = "Hệ thống thông tin giải quyết TTHC tỉnh Thanh Hóa (dữ liệu mẫu)";

/** What a desk does; a department id is `{agency prefix}-{desk}`. */
export type Desk = "stp" | "vhttdl" | "ca" | "dd" | "tpht" | "kt" | "vp";

export type DemoAgency = {
  id: string;
  /** Short prefix of this agency's department and officer ids. */
  prefix: string;
  level: "province" | "commune";
  /** Place name used in texts ("phường Hạc Thành"). */
  place: string;
  request: AgencyRequest;
};

export const PROVINCIAL_CENTRE_ID = "000.00.06.H56";

const WEEKDAYS = [1, 2, 3, 4, 5];
/** Office hours of public-administration centres: two shifts on weekdays (the provincial centre also opens on
 * Saturday mornings to hand out results). */
const OFFICE_HOURS = [
  { days: WEEKDAYS, opens: "07:00", closes: "11:30" },
  { days: WEEKDAYS, opens: "13:30", closes: "17:00" },
];
const HOLIDAYS_NOTE = "Nghỉ thứ Bảy, Chủ nhật và các ngày lễ, Tết theo quy định.";

/** Demo collection accounts (not real accounts): the bank's real NAPAS BIN, a made-up account number. */
const account = (bankBin: string, bankName: string, accountNumber: string, holder: string) => ({
  bankBin,
  bankName,
  accountNumber,
  accountName: `${holder} (DU LIEU MAU)`,
});

export const DEMO_AGENCIES: DemoAgency[] = [
  {
    id: PROVINCIAL_CENTRE_ID,
    prefix: "hcc",
    level: "province",
    place: "tỉnh Thanh Hóa",
    request: {
      name: "Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa",
      shortName: "TT PVHCC tỉnh",
      level: "province",
      address: "Số 28 Đại lộ Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa",
      phone: "0237 3 727 888",
      openingHours: [...OFFICE_HOURS, { days: [6], opens: "07:30", closes: "11:30" }],
      hoursNote: "Sáng thứ Bảy chỉ trả kết quả. Nghỉ Chủ nhật và các ngày lễ, Tết theo quy định.",
      latitude: 19.8069,
      longitude: 105.7851,
      collectionAccount: account("970415", "VietinBank", "113000068868", "TT PHUC VU HANH CHINH CONG TINH THANH HOA"),
    },
  },
  {
    id: "000.00.21.H56",
    prefix: "ht",
    level: "commune",
    place: "phường Hạc Thành",
    request: {
      name: "Trung tâm Phục vụ hành chính công phường Hạc Thành",
      shortName: "TT PVHCC phường Hạc Thành",
      level: "commune",
      address: "Số 35 Phan Chu Trinh, phường Hạc Thành, tỉnh Thanh Hóa",
      phone: "0237 3 852 315",
      openingHours: OFFICE_HOURS,
      hoursNote: HOLIDAYS_NOTE,
      latitude: 19.8082,
      longitude: 105.7763,
      collectionAccount: account("970405", "Agribank", "3500201006688", "UBND PHUONG HAC THANH"),
    },
  },
  {
    id: "000.00.24.H56",
    prefix: "ss",
    level: "commune",
    place: "phường Sầm Sơn",
    request: {
      name: "Trung tâm Phục vụ hành chính công phường Sầm Sơn",
      shortName: "TT PVHCC phường Sầm Sơn",
      level: "commune",
      address: "Số 02 Đại lộ Nam Sông Mã, phường Sầm Sơn, tỉnh Thanh Hóa",
      phone: "0237 3 821 466",
      openingHours: OFFICE_HOURS,
      hoursNote: HOLIDAYS_NOTE,
      latitude: 19.7391,
      longitude: 105.9004,
      collectionAccount: account("970418", "BIDV", "50210000668866", "UBND PHUONG SAM SON"),
    },
  },
  {
    id: "000.00.35.H56",
    prefix: "tx",
    level: "commune",
    place: "xã Thọ Xuân",
    request: {
      name: "Trung tâm Phục vụ hành chính công xã Thọ Xuân",
      shortName: "TT PVHCC xã Thọ Xuân",
      level: "commune",
      address: "Khu phố 4, xã Thọ Xuân, tỉnh Thanh Hóa",
      phone: "0237 3 833 127",
      openingHours: OFFICE_HOURS,
      hoursNote: HOLIDAYS_NOTE,
      latitude: 19.9327,
      longitude: 105.3418,
    },
  },
  {
    id: "000.00.37.H56",
    prefix: "ns",
    level: "commune",
    place: "phường Nghi Sơn",
    request: {
      name: "Trung tâm Phục vụ hành chính công phường Nghi Sơn",
      shortName: "TT PVHCC phường Nghi Sơn",
      level: "commune",
      address: "Đường Nghi Sơn – Bãi Trành, phường Nghi Sơn, tỉnh Thanh Hóa",
      phone: "0237 3 862 209",
      openingHours: OFFICE_HOURS,
      hoursNote: HOLIDAYS_NOTE,
      latitude: 19.4386,
      longitude: 105.7436,
      collectionAccount: account("970436", "Vietcombank", "1016886868", "UBND PHUONG NGHI SON"),
    },
  },
];

export type DemoDepartment = { id: string; desk: Desk; request: DepartmentRequest };

/** Desks of the provincial centre are counters of provincial departments; communes have their own offices. */
const PROVINCIAL_DESKS: [Desk, string][] = [
  ["stp", "Sở Tư pháp – Phòng Hành chính tư pháp"],
  ["vhttdl", "Sở Văn hóa, Thể thao và Du lịch – Phòng Quản lý du lịch"],
  ["ca", "Công an tỉnh – Phòng Hồ sơ nghiệp vụ"],
  ["dd", "Văn phòng Đăng ký đất đai tỉnh (Sở Nông nghiệp và Môi trường)"],
  // The centre's own office: its director is the province admin of the staff area (routes feedback to agencies).
  ["vp", "Văn phòng Trung tâm"],
];

function communeDesks(agency: DemoAgency): [Desk, string][] {
  const area = agency.place.replace(/^(phường|xã) /, "");
  const isWard = agency.place.startsWith("phường");
  return [
    ["tpht", "Phòng Tư pháp – Hộ tịch"],
    ["kt", isWard ? "Phòng Kinh tế, Hạ tầng và Đô thị" : "Phòng Kinh tế"],
    ["dd", `Chi nhánh Văn phòng Đăng ký đất đai khu vực ${area}`],
    ["ca", `Công an ${agency.place} – Đăng ký xe và cư trú`],
    ["vp", "Văn phòng HĐND và UBND – Bộ phận tiếp công dân"],
  ];
}

export const DEMO_DEPARTMENTS: DemoDepartment[] = DEMO_AGENCIES.flatMap((agency) =>
  (agency.level === "province" ? PROVINCIAL_DESKS : communeDesks(agency)).map(([desk, name]) => ({
    id: departmentId(agency, desk),
    desk,
    request: { agencyId: agency.id, name },
  })),
);

export function departmentId(agency: DemoAgency, desk: Desk): string {
  return `${agency.prefix}-${desk}`;
}

export type DemoOfficer = { id: string; request: OfficerRequest & { departmentId: string } };

/** Public-facing names and titles only, as the citizen sees them on the dossier page. */
const OFFICERS_BY_DEPARTMENT: Record<string, [string, string][]> = {
  "hcc-stp": [
    ["Lê Thị Thu Hà", "Phó Trưởng phòng Hành chính tư pháp"],
    ["Nguyễn Văn Quyết", "Chuyên viên"],
  ],
  "hcc-vp": [["Đào Văn Thành", "Giám đốc Trung tâm Phục vụ hành chính công tỉnh"]],
  "hcc-vhttdl": [["Trịnh Minh Đức", "Chuyên viên Phòng Quản lý du lịch"]],
  "hcc-ca": [
    ["Hoàng Văn Thắng", "Đại úy, cán bộ Phòng Hồ sơ nghiệp vụ"],
    ["Lê Thị Phương Thảo", "Thượng úy, cán bộ tiếp nhận"],
  ],
  "hcc-dd": [
    ["Lê Đình Tuấn", "Phó Giám đốc Văn phòng Đăng ký đất đai"],
    ["Phạm Thị Hương", "Chuyên viên"],
  ],
  "ht-tpht": [
    ["Nguyễn Thị Ngọc Anh", "Công chức Tư pháp – Hộ tịch"],
    ["Đỗ Văn Long", "Công chức Tư pháp – Hộ tịch"],
  ],
  "ht-kt": [
    ["Lê Quang Huy", "Phó Trưởng phòng"],
    ["Vũ Thị Lan Phương", "Chuyên viên"],
  ],
  "ht-dd": [["Trần Văn Hải", "Viên chức Chi nhánh Văn phòng Đăng ký đất đai"]],
  "ht-ca": [["Lê Văn Nam", "Thượng úy, cán bộ đăng ký xe"]],
  "ht-vp": [["Mai Thị Hồng", "Chuyên viên Văn phòng HĐND và UBND"]],
  "ss-tpht": [["Cao Thị Thanh Huyền", "Công chức Tư pháp – Hộ tịch"]],
  "ss-kt": [["Nguyễn Hữu Thọ", "Trưởng phòng"]],
  "ss-dd": [["Hoàng Thị Mai", "Chuyên viên"]],
  "ss-ca": [["Lê Đức Mạnh", "Trung úy, cán bộ đăng ký xe"]],
  "ss-vp": [["Phạm Văn Hùng", "Phó Chánh Văn phòng HĐND và UBND"]],
  "tx-tpht": [["Lê Thị Hằng", "Công chức Tư pháp – Hộ tịch"]],
  "tx-kt": [["Trịnh Văn Dũng", "Phó Trưởng phòng Kinh tế"]],
  "tx-dd": [["Nguyễn Thị Bích Ngọc", "Viên chức Chi nhánh Văn phòng Đăng ký đất đai"]],
  "tx-ca": [["Lê Trọng Tấn", "Đại úy, cán bộ cư trú và đăng ký xe"]],
  "tx-vp": [["Lê Văn Bình", "Chuyên viên Văn phòng HĐND và UBND"]],
  "ns-tpht": [["Nguyễn Thị Thảo", "Công chức Tư pháp – Hộ tịch"]],
  "ns-kt": [["Hà Văn Sơn", "Chuyên viên"]],
  "ns-dd": [["Đặng Thị Yến", "Chuyên viên"]],
  "ns-ca": [["Bùi Văn Tùng", "Trung úy, cán bộ đăng ký xe"]],
  "ns-vp": [["Lê Thị Huệ", "Chuyên viên Văn phòng HĐND và UBND"]],
};

export const DEMO_OFFICERS: DemoOfficer[] = Object.entries(OFFICERS_BY_DEPARTMENT).flatMap(([dept, people]) =>
  people.map(([displayName, title], i) => ({
    id: `cb-${dept}-${i + 1}`,
    // Heads and deputy heads of a department see its dossiers in the staff area; the centre's director the province's.
    request: { displayName, title, departmentId: dept, role: roleOf(title) },
  })),
);

function roleOf(title: string): "officer" | "department_head" | "province_admin" {
  if (/^Giám đốc Trung tâm/.test(title)) return "province_admin";
  return /Trưởng phòng|Giám đốc/.test(title) ? "department_head" : "officer";
}

export function officersOf(departmentIdValue: string): DemoOfficer[] {
  return DEMO_OFFICERS.filter((o) => o.request.departmentId === departmentIdValue);
}

export function agencyById(id: string): DemoAgency {
  const agency = DEMO_AGENCIES.find((a) => a.id === id);
  if (!agency) throw new Error(`unknown demo agency ${id}`);
  return agency;
}
