/**
 * Deterministic applicants: Vietnamese names and 12-digit citizen ID (CCCD) numbers in the national layout
 * (province of birth, 038 = Thanh Hóa by default, a gender-and-century digit, the year of birth, six serial digits).
 */
export type Applicant = { name: string; idNumber: string; phone: string };

/** mulberry32: a tiny seeded generator, so the same index always gives the same person. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function digits(random: () => number, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += Math.floor(random() * 10);
  return out;
}

// Lê, Nguyễn and Trịnh are the most frequent family names in Thanh Hóa: listed more than once to weigh them.
const FAMILY = ["Lê", "Lê", "Nguyễn", "Nguyễn", "Trịnh", "Hoàng", "Phạm", "Đỗ", "Mai", "Hà", "Vũ", "Bùi", "Đặng", "Cao", "Trần", "Lương"];
const MALE_MIDDLE = ["Văn", "Văn", "Đình", "Hữu", "Minh", "Quang", "Xuân", "Đức", "Công", "Ngọc"];
const FEMALE_MIDDLE = ["Thị", "Thị", "Thu", "Ngọc", "Thanh", "Phương", "Hồng", "Minh"];
const MALE_GIVEN = ["Hùng", "Dũng", "Tuấn", "Hải", "Sơn", "Cường", "Thành", "Nam", "Phong", "Quân", "Long", "Khánh", "Lâm", "Tiến", "Trung", "Hoàng"];
const FEMALE_GIVEN = ["Lan", "Hoa", "Hương", "Nga", "Thủy", "Hạnh", "Trang", "Linh", "Mai", "Yến", "Huyền", "Thảo", "Nhung", "Vân", "Dung", "Hà"];
const MOBILE_PREFIXES = ["091", "094", "098", "097", "086", "035", "036", "037", "038", "039", "083", "084", "088", "096"];

/** Organisations file some procedures in their own name (a hotel asking for its star rating). */
const HOTELS = [
  "Công ty TNHH Khách sạn Biển Ngọc Sầm Sơn",
  "Công ty Cổ phần Du lịch Hải Tiến",
  "Công ty TNHH Thương mại và Du lịch Hoa Phượng",
  "Công ty TNHH Khách sạn Lam Kinh",
];

export function applicantFor(seed: number, kind: "person" | "hotel" = "person", birthProvince = "038"): Applicant {
  const random = seededRandom(seed * 7919 + 17);
  const female = random() < 0.5;
  const birthYear = 1955 + Math.floor(random() * 50);
  const name =
    kind === "hotel"
      ? pick(random, HOTELS)
      : `${pick(random, FAMILY)} ${pick(random, female ? FEMALE_MIDDLE : MALE_MIDDLE)} ${pick(random, female ? FEMALE_GIVEN : MALE_GIVEN)}`;
  const centuryDigit = (birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0);
  const idNumber = `${birthProvince}${centuryDigit}${String(birthYear % 100).padStart(2, "0")}${digits(random, 6)}`;
  const phone = `${pick(random, MOBILE_PREFIXES)}${digits(random, 7)}`;
  return { name, idNumber, phone };
}
