import { beforeAll, describe, expect, it } from "vitest";
import { vnDisplayDate } from "../../worker/src/domain/time";
import { call, createProvince, intake, integration, json, sendEvents, vnDayAt, type Client } from "./helpers";

const AGENCY = "000.00.08.H08";
let client: Client;
beforeAll(async () => {
  client = await createProvince("ref-a", AGENCY);
  await integration(client, "PUT", "/v1/integration/procedures/1.004227", {
    name: "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
    field: "Đất đai",
    documents: [{ name: "Đơn đăng ký", copies: "01 bản chính" }],
    legalDays: 30,
    feeVnd: 100000,
    feeText: "100.000 đồng/giấy",
    whereToFile: "Văn phòng Đăng ký đất đai",
  });
});

describe("provinces and procedures", () => {
  it("lists provinces and gives one with its branding", async () => {
    const list = await json(await call("/v1/provinces"));
    expect(list.provinces.map((p: { id: string }) => p.id)).toContain("ref-a");
    const province = await json(await call("/v1/provinces/ref-a"));
    expect(province).toMatchObject({ id: "ref-a", primaryColor: "#b3261e", hotline: "1900 0000", miniAppId: "3423478865165961046" });
  });

  it("finds procedures with or without diacritics, by any word, case-insensitively", async () => {
    for (const q of ["dang ky ket hon", "Đăng ký kết hôn", "KET HON", "hộ tịch", "1.000894"]) {
      const { procedures } = await json(await call(`/v1/provinces/ref-a/procedures?q=${encodeURIComponent(q)}`));
      expect(
        procedures.map((p: { code: string }) => p.code),
        q,
      ).toEqual(["1.000894"]);
    }
    const { procedures: land } = await json(await call("/v1/provinces/ref-a/procedures?q=quyen su dung dat"));
    expect(land.map((p: { code: string }) => p.code)).toEqual(["1.004227"]);
    const { procedures: none } = await json(await call("/v1/provinces/ref-a/procedures?q=xay%20dung"));
    expect(none).toEqual([]);
    const { procedures: all } = await json(await call("/v1/provinces/ref-a/procedures"));
    expect(all).toHaveLength(2);
    const { procedures: wildcard } = await json(await call("/v1/provinces/ref-a/procedures?q=%25"));
    expect(wildcard).toHaveLength(2);
  });

  it("gives a procedure's documents, fee, legal time and where to file", async () => {
    const p = await json(await call("/v1/provinces/ref-a/procedures/1.004227"));
    expect(p).toMatchObject({
      legalDays: 30,
      feeVnd: 100000,
      whereToFile: "Văn phòng Đăng ký đất đai",
      documents: [{ name: "Đơn đăng ký", copies: "01 bản chính" }],
    });
  });
});

describe("slips", () => {
  it("gives the deep link with a short token that opens the owner view", async () => {
    const received = intake(AGENCY);
    await sendEvents(client, [received]);
    const slip = await json(await integration(client, "GET", `/v1/integration/dossiers/${received.dossierCode.toLowerCase()}/slip`));
    expect(slip.code).toBe(received.dossierCode);
    expect(slip.qrContent).toBe(`https://zalo.me/s/3423478865165961046/dossier?code=${received.dossierCode}&t=${slip.slipToken}`);
    expect(slip.qrContent.length).toBeLessThan(120);
    expect((await json(await call(`/v1/dossiers/${received.dossierCode}?t=${slip.slipToken}`))).view).toBe("owner");
  });

  it("renders a printable A6 SVG with the QR, code, dates and Vietnamese instructions, without the applicant", async () => {
    const received = intake(AGENCY, { receivedAt: vnDayAt(-3, "08:00"), dueAt: vnDayAt(4, "16:30") });
    await sendEvents(client, [received]);
    const res = await integration(client, "GET", `/v1/integration/dossiers/${received.dossierCode}/slip.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("image/svg+xml");
    const svg = await res.text();
    expect(svg).toContain('width="105mm" height="148mm"');
    expect(svg).toContain(received.dossierCode);
    expect(svg).toContain("Quét mã bằng Zalo để theo dõi hồ sơ");
    expect(svg).toContain(vnDisplayDate(vnDayAt(-3, "08:00")));
    expect(svg).toContain(vnDisplayDate(vnDayAt(4, "16:30")));
    expect(svg).toMatch(/<path[^>]+d="M\d/);
    expect(svg).not.toContain("Trần Văn An");
  });
});

describe("API description", () => {
  it("describes every contract route in OpenAPI 3.1 and renders a docs page", async () => {
    const doc = await json(await call("/v1/openapi.json"));
    expect(doc.openapi).toBe("3.1.0");
    for (const path of [
      "/v1/provinces",
      "/v1/provinces/{provinceId}",
      "/v1/provinces/{provinceId}/agencies",
      "/v1/provinces/{provinceId}/procedures",
      "/v1/provinces/{provinceId}/procedures/{procedureCode}",
      "/v1/dossiers/{code}",
      "/v1/dossiers/{code}/unlock",
      "/v1/integration/events",
      "/v1/integration/agencies/{agencyId}",
      "/v1/integration/departments/{departmentId}",
      "/v1/integration/officers/{officerId}",
      "/v1/integration/procedures/{procedureCode}",
      "/v1/integration/dossiers/{code}/slip",
      "/v1/integration/dossiers/{code}/slip.svg",
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(doc.components.schemas).toHaveProperty("DossierReceivedEvent");
    expect(doc.components.schemas).toHaveProperty("PublicDossier");
    const page = await call("/docs");
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    expect(html).toContain("/v1/integration/events");
    expect(html).toContain("X-Motcua-Signature");
  });
});
