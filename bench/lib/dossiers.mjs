// The benches' data: a province (bench-provinces.mjs), its reference data and N dossiers shaped like the ones one-stop systems send.
// Deterministic for a given row count and seed (a seeded PRNG), with dates relative to the time of the run.
import { tsImport } from "tsx/esm/api";
import { THANH_HOA } from "./bench-provinces.mjs";
import { applicantFactorHash } from "./tokens.mjs";

/** The demo's seeded generator (mulberry32), so the same row count gives the same data. */
const { seededRandom: mulberry32 } = await tsImport("../../scripts/demo/people.ts", import.meta.url);

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const VN_OFFSET_MS = 7 * HOUR_MS;

/** The province every single-province bench seeds. */
export const PROVINCE_ID = THANH_HOA.id;

// ---------------------------------------------------------------------------------------------------------------
// Reference data

const PROCEDURES = [
  { code: "1.001193", name: "Đăng ký khai sinh", field: "Hộ tịch", legalDays: 1, fee: null },
  { code: "1.000894", name: "Đăng ký kết hôn", field: "Hộ tịch", legalDays: 5, fee: null },
  { code: "2.000884", name: "Cấp bản sao trích lục hộ tịch", field: "Hộ tịch", legalDays: 1, fee: 8000 },
  { code: "1.004227", name: "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam", field: "Lý lịch tư pháp", legalDays: 10, fee: 200000 },
  { code: "2.001035", name: "Đăng ký thành lập doanh nghiệp tư nhân", field: "Thành lập và hoạt động doanh nghiệp", legalDays: 3, fee: 50000 },
  { code: "1.005010", name: "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", field: "Đất đai", legalDays: 30, fee: 100000 },
  { code: "1.001758", name: "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", field: "Đất đai", legalDays: 10, fee: 50000 },
  { code: "1.004884", name: "Cấp giấy phép xây dựng nhà ở riêng lẻ", field: "Hoạt động xây dựng", legalDays: 15, fee: 75000 },
  { code: "1.002804", name: "Cấp đổi giấy phép lái xe do ngành Giao thông vận tải cấp", field: "Đường bộ", legalDays: 5, fee: 135000 },
  { code: "2.000528", name: "Chứng thực bản sao từ bản chính giấy tờ, văn bản", field: "Chứng thực", legalDays: 1, fee: 2000 },
];

const DEPARTMENT_NAMES = ["Bộ phận Tiếp nhận và Trả kết quả", "Phòng chuyên môn", "Văn phòng"];
const OFFICER_TITLES = ["Chuyên viên", "Chuyên viên chính", "Phó Trưởng phòng", "Trưởng phòng"];

const SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Mai", "Trịnh"];
const MIDDLE_NAMES = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Thu", "Xuân", "Công", "Hồng"];
const GIVEN_NAMES = [
  "An",
  "Bình",
  "Chi",
  "Dũng",
  "Giang",
  "Hà",
  "Hải",
  "Hạnh",
  "Hoa",
  "Hùng",
  "Hương",
  "Khánh",
  "Lan",
  "Linh",
  "Long",
  "Mai",
  "Nam",
  "Nga",
  "Phong",
  "Phương",
  "Quân",
  "Sơn",
  "Tâm",
  "Thảo",
  "Trang",
  "Tuấn",
  "Vy",
  "Yến",
];

const SUPPLEMENT_DOCUMENTS = [
  "Bản sao Căn cước công dân có chứng thực",
  "Giấy xác nhận tình trạng hôn nhân",
  "Sơ đồ thửa đất có xác nhận của UBND xã",
  "Bản vẽ thiết kế xây dựng (2 bản)",
  "Giấy khám sức khỏe còn hiệu lực",
  "Ảnh 3x4 nền trắng (2 ảnh)",
];

function stripDiacritics(text) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}

function referenceData(rng, p) {
  const province = { ...p.row };
  const agencies = p.agencies.map((a) => ({
    id: a.id,
    province_id: p.id,
    name: a.name,
    short_name: a.shortName,
    level: a.level,
    address: `Số ${1 + Math.floor(rng() * 200)} ${p.street}`,
    phone: `${p.phonePrefix}${String(10000 + Math.floor(rng() * 89999)).slice(0, 5)}`,
  }));
  const departments = [];
  const officers = [];
  for (const [ai, a] of p.agencies.entries()) {
    for (const [di, dName] of DEPARTMENT_NAMES.entries()) {
      const departmentId = `D${ai + 1}${di + 1}`;
      departments.push({ province_id: p.id, id: departmentId, agency_id: a.id, name: `${dName} - ${a.shortName}` });
      for (let oi = 0; oi < 3; oi++) {
        officers.push({
          province_id: p.id,
          id: `O${ai + 1}${di + 1}${oi + 1}`,
          department_id: departmentId,
          display_name: `${pick(rng, SURNAMES)} ${pick(rng, MIDDLE_NAMES)} ${pick(rng, GIVEN_NAMES)}`,
          title: pick(rng, OFFICER_TITLES),
        });
      }
    }
  }
  const procedures = PROCEDURES.map((proc) => ({
    province_id: p.id,
    code: proc.code,
    name: proc.name,
    search_text: stripDiacritics(proc.name),
    field: proc.field,
    level: "4",
    documents: JSON.stringify([
      { name: "Tờ khai theo mẫu", copies: "01 bản chính" },
      { name: "Căn cước công dân", copies: "01 bản sao", note: "Xuất trình bản chính để đối chiếu" },
    ]),
    fee_vnd: proc.fee,
    fee_text: proc.fee ? `${proc.fee.toLocaleString("vi-VN")} đồng/hồ sơ` : "Không thu phí",
    legal_days: proc.legalDays,
    where_to_file: "Trung tâm Phục vụ hành chính công hoặc Cổng Dịch vụ công",
  }));
  return { province, agencies, departments, officers, procedures };
}

function pick(rng, list) {
  return list[Math.floor(rng() * list.length)];
}

function pickWeighted(rng, entries) {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [value, w] of entries) {
    r -= w;
    if (r < 0) return value;
  }
  return entries[entries.length - 1][0];
}

/** yyMMdd of a day number (days since the epoch in Asia/Ho_Chi_Minh). */
function codeDate(vnDay) {
  return new Date(vnDay * DAY_MS).toISOString().slice(2, 10).replaceAll("-", "");
}

// ---------------------------------------------------------------------------------------------------------------
// Dossiers

/**
 * Generates `count` dossiers of `province` (bench-provinces.mjs) received over the last `days` days, spread over its
 * agencies by weight; codes are `{agency}-{yyMMdd}-{counter}` with the counter running per agency and day, as
 * one-stop systems number them.
 */
export function generateDossiers({ count, serverSecret, province = THANH_HOA, nowMs = Date.now(), days = 365, seed = 20261123 }) {
  const rng = mulberry32(seed);
  const ref = referenceData(rng, province);
  const todayVn = Math.floor((nowMs + VN_OFFSET_MS) / DAY_MS);
  const agencyWeights = province.agencies.map((a) => [a, a.weight]);
  const agencyProcedures = new Map(province.agencies.map((a) => [a.id, a.procedures]));

  // How many dossiers each (day, agency) receives; Sundays are closed.
  const perSlot = new Map();
  for (let i = 0; i < count; i++) {
    let day;
    do day = todayVn - Math.floor(rng() * days);
    while (new Date(day * DAY_MS).getUTCDay() === 0);
    const agency = pickWeighted(rng, agencyWeights);
    const key = `${day}|${agency.id}`;
    perSlot.set(key, (perSlot.get(key) ?? 0) + 1);
  }
  const slots = [...perSlot.entries()]
    .map(([key, n]) => {
      const [day, agencyId] = key.split("|");
      return { day: Number(day), agencyId, n };
    })
    .sort((a, b) => a.day - b.day || (a.agencyId < b.agencyId ? -1 : 1));

  const departmentsByAgency = new Map();
  for (const d of ref.departments) {
    if (!departmentsByAgency.has(d.agency_id)) departmentsByAgency.set(d.agency_id, []);
    departmentsByAgency.get(d.agency_id).push(d);
  }
  const officersByDepartment = new Map();
  for (const o of ref.officers) {
    if (!officersByDepartment.has(o.department_id)) officersByDepartment.set(o.department_id, []);
    officersByDepartment.get(o.department_id).push(o);
  }

  const rows = [];
  for (const slot of slots) {
    // Office hours 07:30-17:00 (Vietnam time), sorted so counters follow time; today's never in the future.
    const dayStartUtc = slot.day * DAY_MS - VN_OFFSET_MS;
    const latest = Math.min(dayStartUtc + 17 * HOUR_MS, nowMs - 60_000);
    const earliest = Math.min(dayStartUtc + 7.5 * HOUR_MS, latest - 60_000);
    const times = Array.from({ length: slot.n }, () => earliest + rng() * (latest - earliest)).sort((a, b) => a - b);
    times.forEach((receivedMs, i) => {
      const code = `${slot.agencyId}-${codeDate(slot.day)}-${String(i + 1).padStart(4, "0")}`;
      rows.push(
        dossierRow({
          rng,
          ref,
          code,
          agencyId: slot.agencyId,
          procedures: agencyProcedures.get(slot.agencyId),
          receivedMs,
          nowMs,
          serverSecret,
          departmentsByAgency,
          officersByDepartment,
        }),
      );
    });
  }
  return { ref, rows };
}

const feeNotes = new Map();
function feeNote(amount) {
  if (!feeNotes.has(amount)) {
    feeNotes.set(amount, `Lệ phí ${amount.toLocaleString("vi-VN")} đồng, nộp tại Bộ phận Một cửa hoặc qua Cổng Dịch vụ công.`);
  }
  return feeNotes.get(amount);
}

function dossierRow({ rng, ref, code, agencyId, procedures, receivedMs, nowMs, serverSecret, departmentsByAgency, officersByDepartment }) {
  const procedure = PROCEDURES[pick(rng, procedures)];
  const department = pick(rng, departmentsByAgency.get(agencyId));
  const officer = pick(rng, officersByDepartment.get(department.id));
  const iso = (ms) => new Date(Math.round(ms)).toISOString();
  const cap = nowMs - 30_000;
  const after = (t, minHours, maxHours) => Math.min(cap, t + (minHours + rng() * (maxHours - minHours)) * HOUR_MS);

  const calendarDays = Math.ceil((procedure.legalDays * 7) / 5);
  let dueMs = receivedMs + calendarDays * DAY_MS;
  const ageDays = (nowMs - receivedMs) / DAY_MS;
  const pastDue = nowMs > dueMs;
  const status = !pastDue
    ? pickWeighted(rng, [
        [2, 15],
        [4, 50],
        [5, 10],
        [6, procedure.fee ? 8 : 0],
        [9, 12],
        [10, 5],
      ])
    : ageDays > calendarDays + 20
      ? pickWeighted(rng, [
          [10, 75],
          [9, 8],
          [3, 5],
          [7, 5],
          [8, 2],
          [4, 5],
        ])
      : pickWeighted(rng, [
          [10, 45],
          [9, 25],
          [4, 20],
          [5, 5],
          [6, procedure.fee ? 5 : 0],
        ]);

  const row = {
    code,
    province_id: ref.province.id,
    agency_id: agencyId,
    procedure_code: procedure.code,
    applicant_name: `${pick(rng, SURNAMES)} ${pick(rng, MIDDLE_NAMES)} ${pick(rng, GIVEN_NAMES)}`,
    applicant_factor_hash: applicantFactorHash(serverSecret, code, String(Math.floor(rng() * 10000)).padStart(4, "0")),
    status,
    status_note: null,
    received_at: iso(receivedMs),
    due_at: null,
    completed_at: null,
    returned_at: null,
    department_id: null,
    officer_id: null,
    missing_documents: null,
    supplement_deadline: null,
    fee_vnd: null,
    fee_note: null,
    timeline: null,
    version: 0,
  };

  const timeline = [{ type: "dossier.received", at: iso(receivedMs), status: 2, dueAt: iso(dueMs) }];
  let t = receivedMs;
  if (status !== 2 || rng() < 0.5) {
    t = after(t, 0.5, 4);
    row.department_id = department.id;
    row.officer_id = officer.id;
    timeline.push({
      type: "dossier.assigned",
      at: iso(t),
      departmentId: department.id,
      departmentName: department.name,
      officerId: officer.id,
      officerName: officer.display_name,
    });
  }
  if (status === 3) {
    t = after(t, 1, 24);
    row.status_note = "Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan.";
    timeline.push({ type: "dossier.refused", at: iso(t), status: 3, note: row.status_note });
  } else if (status !== 2) {
    t = after(t, 1, 24);
    timeline.push({ type: "dossier.status_changed", at: iso(t), status: 4 });
  }
  if (status !== 2 && status !== 3 && rng() < 0.08) {
    const previous = dueMs;
    dueMs += (2 + Math.floor(rng() * 5)) * DAY_MS;
    t = after(t, 2, 48);
    timeline.push({
      type: "dossier.due_changed",
      at: iso(t),
      previousDueAt: iso(previous),
      dueAt: iso(dueMs),
      note: "Cơ quan xin lỗi vì hồ sơ cần thêm thời gian thẩm định.",
    });
  }
  if (status === 5) {
    t = after(t, 4, 72);
    const documents = [pick(rng, SUPPLEMENT_DOCUMENTS), pick(rng, SUPPLEMENT_DOCUMENTS)].filter((d, i, a) => a.indexOf(d) === i);
    row.status_note = "Đề nghị công dân bổ sung giấy tờ theo danh sách.";
    row.missing_documents = JSON.stringify(documents);
    row.supplement_deadline = iso(t + 10 * DAY_MS);
    timeline.push({ type: "dossier.supplement_requested", at: iso(t), status: 5, documents, deadline: row.supplement_deadline, note: row.status_note });
  }
  if (procedure.fee && (status === 6 || ((status === 9 || status === 10) && rng() < 0.6))) {
    t = after(t, 4, 48);
    row.fee_vnd = procedure.fee;
    row.fee_note = feeNote(procedure.fee);
    if (status === 6) row.status_note = row.fee_note;
    timeline.push({ type: "dossier.fee_requested", at: iso(t), status: 6, amountVnd: procedure.fee, note: row.fee_note });
  }
  if (status === 9 || status === 10) {
    // Most finish on time, some a little late.
    const target = dueMs + (rng() < 0.85 ? -rng() * calendarDays * 0.6 : rng() * 5) * DAY_MS;
    t = Math.min(cap, Math.max(t + HOUR_MS, target));
    row.completed_at = iso(t);
    timeline.push({ type: "dossier.result_ready", at: iso(t), status: 9 });
    if (status === 10) {
      t = after(t, 2, 96);
      row.returned_at = iso(t);
      timeline.push({ type: "dossier.returned", at: iso(t), status: 10 });
    }
  }
  if (status === 7 || status === 8) {
    t = after(t, 4, 96);
    row.status_note = status === 7 ? "Công dân đề nghị rút hồ sơ." : "Dừng xử lý theo đề nghị của cơ quan có thẩm quyền.";
    timeline.push({ type: status === 7 ? "dossier.withdrawn" : "dossier.stopped", at: iso(t), status, note: row.status_note });
  }
  row.due_at = iso(dueMs);
  row.timeline = JSON.stringify(timeline);
  row.version = timeline.length;
  return row;
}
