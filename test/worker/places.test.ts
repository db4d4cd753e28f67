/**
 * Where to go and how to pay: an agency's hours, coordinates and collection account as reference data, and what
 * the dossier views make of them — the place on every view, the fee with its deadline, payment page and VietQR for
 * the owner, the competent agency a refusal names, and the truth about status 1 and "last changed".
 */
import { beforeAll, describe, expect, it } from "vitest";
import { readEmvFields, readFields } from "../../worker/src/domain/vietqr";
import { call, createProvince, integration, intake, json, sendEvents, utc, vnDayAt, vnTime, type Client } from "./helpers";

const PROVINCE = "places-a";
const AGENCY = "000.00.06.H41";
const OTHER = "000.00.21.H41";
let client: Client;

const HOURS = [
  { days: [1, 2, 3, 4, 5], opens: "07:00", closes: "11:30" },
  { days: [1, 2, 3, 4, 5], opens: "13:30", closes: "17:00" },
  { days: [6], opens: "07:30", closes: "11:30" },
];
const ACCOUNT = { bankBin: "970415", bankName: "VietinBank", accountNumber: "113000068868", accountName: "TT PHUC VU HCC TINH" };
/** The provincial centre as its one-stop system describes it, and as every view must give it back. */
const CENTRE = {
  name: "Trung tâm Phục vụ hành chính công tỉnh",
  address: "Số 28 Đại lộ Lê Lợi",
  phone: "0237 3 727 888",
  openingHours: HOURS,
  hoursNote: "Sáng thứ Bảy chỉ trả kết quả.",
  latitude: 19.8069,
  longitude: 105.7851,
};

async function putAgency(id: string, body: Record<string, unknown>) {
  return integration(client, "PUT", `/v1/integration/agencies/${id}`, body);
}

const slipOf = async (code: string) => (await json(await integration(client, "GET", `/v1/integration/dossiers/${code}/slip`))).slipToken as string;
const ownerView = async (code: string) => json(await call(`/v1/dossiers/${code}?t=${await slipOf(code)}`));

beforeAll(async () => {
  client = await createProvince(PROVINCE, AGENCY);
  const put = await putAgency(AGENCY, { ...CENTRE, collectionAccount: ACCOUNT });
  expect(put.status).toBe(200);
  expect(
    (await putAgency(OTHER, { name: "Trung tâm Phục vụ hành chính công phường Hạc Thành", level: "commune", latitude: 19.8082, longitude: 105.7763 })).status,
  ).toBe(200);
});

describe("agency reference data", () => {
  it("keeps opening hours, a note and coordinates, and lists them publicly without the collection account", async () => {
    const { agencies } = await json(await call(`/v1/provinces/${PROVINCE}/agencies`));
    const agency = agencies.find((a: { id: string }) => a.id === AGENCY);
    expect(agency).toMatchObject({ openingHours: HOURS, hoursNote: "Sáng thứ Bảy chỉ trả kết quả.", latitude: 19.8069, longitude: 105.7851 });
    expect(JSON.stringify(agencies)).not.toContain(ACCOUNT.accountNumber);
    // A PUT without them clears them, like every other optional field.
    expect(agencies.find((a: { id: string }) => a.id === OTHER)).toMatchObject({ openingHours: null, hoursNote: null, address: null });
  });

  it("refuses hours, coordinates and accounts that cannot be right, naming the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ openingHours: [{ days: [1], opens: "7:00", closes: "11:30" }] }, "openingHours.0.opens"],
      [{ openingHours: [{ days: [1], opens: "13:30", closes: "11:30" }] }, "openingHours.0.closes"],
      [{ openingHours: [{ days: [0], opens: "07:00", closes: "11:30" }] }, "openingHours.0.days.0"],
      [{ openingHours: [{ days: [1, 1], opens: "07:00", closes: "11:30" }] }, "openingHours.0.days"],
      [{ latitude: 19.8 }, "longitude"],
      [{ latitude: 95, longitude: 105 }, "latitude"],
      [{ collectionAccount: { ...ACCOUNT, bankBin: "9704" } }, "collectionAccount.bankBin"],
      [{ collectionAccount: { ...ACCOUNT, accountNumber: "1130 0006" } }, "collectionAccount.accountNumber"],
    ];
    for (const [extra, field] of cases) {
      const res = await putAgency(OTHER, { name: "Trung tâm", ...extra });
      expect(res.status, field).toBe(400);
      expect((await json(res)).error.field, JSON.stringify(extra)).toBe(field);
    }
  });
});

describe("the dossier views", () => {
  it("name the receiving agency's place on the public view, and say when the dossier last changed", async () => {
    const received = intake(AGENCY);
    const changed = vnTime(-90);
    await sendEvents(client, [
      received,
      { id: `${received.dossierCode}-4`, type: "dossier.status_changed", occurredAt: changed, dossierCode: received.dossierCode, status: 4 },
    ]);
    // A late-arriving event from before does not make the dossier look changed later.
    await sendEvents(client, [
      { id: `${received.dossierCode}-a`, type: "dossier.assigned", occurredAt: vnTime(-2000), dossierCode: received.dossierCode, departmentId: `tp-${AGENCY}` },
    ]);
    const view = await json(await call(`/v1/dossiers/${received.dossierCode}`));
    expect(view.agency).toEqual({ id: AGENCY, shortName: null, ...CENTRE });
    expect(view.changedAt).toBe(utc(changed));
  });

  it("give the owner a fee's deadline, payment page and a VietQR for the agency's account, while it is due", async () => {
    const received = intake(AGENCY);
    const code = received.dossierCode;
    const deadline = vnDayAt(5, "16:30");
    await sendEvents(client, [
      received,
      {
        id: `${code}-fee`,
        type: "dossier.fee_requested",
        occurredAt: vnTime(-30),
        dossierCode: code,
        amountVnd: 18_800_000,
        note: "Lệ phí trước bạ",
        deadline,
        paymentUrl: "https://dichvucong.gov.vn/p/home/dvc-thanh-toan-truc-tuyen.html?maHoSo=1",
      },
    ]);
    const { fee } = await ownerView(code);
    expect(fee).toMatchObject({
      amountVnd: 18_800_000,
      due: true,
      deadline: utc(deadline),
      paymentUrl: "https://dichvucong.gov.vn/p/home/dvc-thanh-toan-truc-tuyen.html?maHoSo=1",
      transfer: { ...ACCOUNT, amountVnd: 18_800_000, transferNote: code },
    });
    const root = Object.fromEntries(readEmvFields(fee.transfer.vietQr)!);
    expect(root["54"]).toBe("18800000");
    expect(Object.fromEntries(readFields(root["62"]!)!)["08"]).toBe(code);
    const beneficiary = Object.fromEntries(readFields(Object.fromEntries(readFields(root["38"]!)!)["01"]!)!);
    expect(beneficiary).toEqual({ "00": ACCOUNT.bankBin, "01": ACCOUNT.accountNumber });
    // The public view says a fee is due, never how much or to whom.
    const publicText = JSON.stringify(await json(await call(`/v1/dossiers/${code}`)));
    expect(publicText).not.toContain("18800000");
    expect(publicText).not.toContain(ACCOUNT.accountNumber);

    // Paid: the fee stays on record, but nothing asks to pay any more.
    await sendEvents(client, [{ id: `${code}-paid`, type: "dossier.status_changed", occurredAt: vnTime(-5), dossierCode: code, status: 4 }]);
    expect((await ownerView(code)).fee).toEqual({
      amountVnd: 18_800_000,
      note: "Lệ phí trước bạ",
      due: false,
      deadline: null,
      paymentUrl: null,
      transfer: null,
    });
  });

  it("offer no transfer where the agency has no collection account, and refuse a payment page that is not https", async () => {
    const received = intake(OTHER, { departmentId: undefined, officerId: undefined });
    const code = received.dossierCode;
    await sendEvents(client, [received, { id: `${code}-fee`, type: "dossier.fee_requested", occurredAt: vnTime(-30), dossierCode: code, amountVnd: 50_000 }]);
    expect((await ownerView(code)).fee).toMatchObject({ due: true, deadline: null, paymentUrl: null, transfer: null });
    const { results } = await sendEvents(
      client,
      [
        {
          id: `${code}-fee2`,
          type: "dossier.fee_requested",
          occurredAt: vnTime(-20),
          dossierCode: code,
          amountVnd: 50_000,
          paymentUrl: "http://pay.example/1",
        },
      ],
      ["rejected"],
    );
    expect(results[0]!.error).toMatchObject({ code: "invalid_event", field: "events.0.paymentUrl" });
  });

  it("show the competent agency a refusal names, to the owner only; an unknown one is refused", async () => {
    const received = intake(OTHER, { departmentId: undefined, officerId: undefined });
    const code = received.dossierCode;
    await sendEvents(client, [
      received,
      {
        id: `${code}-refused`,
        type: "dossier.refused",
        occurredAt: vnTime(-10),
        dossierCode: code,
        reason: "Không thuộc thẩm quyền cấp xã.",
        competentAgencyId: AGENCY,
      },
    ]);
    const owner = await ownerView(code);
    expect(owner.status.code).toBe(3);
    expect(owner.competentAgency).toMatchObject({
      id: AGENCY,
      name: "Trung tâm Phục vụ hành chính công tỉnh",
      address: "Số 28 Đại lộ Lê Lợi",
      latitude: 19.8069,
    });
    expect(JSON.stringify(await json(await call(`/v1/dossiers/${code}`)))).not.toContain("Số 28 Đại lộ Lê Lợi");

    const other = intake(OTHER, { departmentId: undefined, officerId: undefined });
    const { results } = await sendEvents(
      client,
      [
        other,
        {
          id: `${other.dossierCode}-refused`,
          type: "dossier.refused",
          occurredAt: vnTime(-10),
          dossierCode: other.dossierCode,
          reason: "x",
          competentAgencyId: "000.00.99.H41",
        },
      ],
      ["applied", "rejected"],
    );
    expect(results[1]!.error).toMatchObject({ code: "unknown_agency", field: "events.1.competentAgencyId" });
  });

  it("never call an online registration not yet accepted overdue, whatever due date it carries", async () => {
    const registered = intake(AGENCY, { status: 1, occurredAt: vnDayAt(-10, "08:00"), receivedAt: vnDayAt(-10, "08:00"), dueAt: vnDayAt(-3, "16:30") });
    await sendEvents(client, [registered]);
    const view = await json(await call(`/v1/dossiers/${registered.dossierCode}`));
    expect(view).toMatchObject({ status: { code: 1 }, overdue: false, overdueDays: 0, earlyDays: null });
    // Accepted at the desk with the same dates, it is late.
    await sendEvents(client, [
      { id: `${registered.dossierCode}-2`, type: "dossier.status_changed", occurredAt: vnTime(-60), dossierCode: registered.dossierCode, status: 2 },
    ]);
    expect(await json(await call(`/v1/dossiers/${registered.dossierCode}`))).toMatchObject({ status: { code: 2 }, overdue: true, overdueDays: 3 });
  });
});
