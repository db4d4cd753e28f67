import { z } from "@hono/zod-openapi";
import { readCitizenCode } from "../domain/citizen-code";
import { isIsoInstant } from "../domain/time";

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "not_found" }),
      message: z.string().openapi({ example: "Không tìm thấy hồ sơ với mã này." }),
      field: z.string().optional().openapi({ example: "events.3.dueAt" }),
      detail: z.string().optional().openapi({ description: "English detail for integrators on citizen routes" }),
    }),
  })
  .openapi("Error");

export const errorResponse = (description: string) => ({
  content: { "application/json": { schema: ErrorSchema } },
  description,
});

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { "application/json": { schema } },
  required: true,
});

/** ISO-8601 instant with an explicit offset (the contract's time format). */
export const Instant = z
  .string()
  .refine(isIsoInstant, { message: "must be an ISO-8601 time with an offset, e.g. 2026-11-23T09:30:00+07:00" })
  .openapi({ format: "date-time", example: "2026-11-23T09:30:00+07:00" });

export const ProvinceIdParam = z.object({
  provinceId: z
    .string()
    .regex(/^[a-z0-9-]{2,40}$/, { message: "Mã tỉnh không hợp lệ." })
    .openapi({ param: { name: "provinceId", in: "path" }, example: "thanh-hoa" }),
});

export const DossierCodeParam = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z][0-9A-Za-z.\-_/]{3,63}$/, { message: "Mã hồ sơ không đúng định dạng, ví dụ: 000.00.06.H56-231027-0361." })
    .openapi({ param: { name: "code", in: "path" }, example: "000.00.06.H56-231027-0361" }),
});

/**
 * A receipt code as a citizen may type it: without dots or dashes, with spaces, in lower case, with a letter O for
 * a zero, after a "Mã hồ sơ:" label. The route reads it with `readCitizenCode`; the answer carries the real code.
 */
export const CitizenDossierCodeParam = z.object({
  code: z
    .string()
    .max(200, { message: "Mã hồ sơ quá dài. Mã có dạng: 000.00.06.H56-231027-0361." })
    .refine((code) => readCitizenCode(code) !== null, { message: "Mã hồ sơ không đúng định dạng, ví dụ: 000.00.06.H56-231027-0361." })
    .openapi({
      param: { name: "code", in: "path" },
      example: "000.00.06.H56-231027-0361",
      description:
        "The receipt code. Also accepted as typed by people: `0000006H562310270361`, `000 00 06 h56 231027 0361`, a letter O for a zero where a digit belongs; the answer's `code` is the real one.",
    }),
});

/** `?t=`: the slip token from the QR, or a view token from the last-4 unlock, proving ownership of a dossier. */
export const OwnerTokenQuery = z.object({
  t: z.string().max(64, { message: "Mã xác thực không hợp lệ." }).optional().openapi({ description: "Slip token or view token", example: "Qm9hXz1kN2Jm4c2A" }),
});

/** A reference-data identifier in a path (agency, department, officer, procedure). */
export const idParam = <N extends string>(name: N, example: string) =>
  z.object({
    [name]: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[0-9A-Za-z][0-9A-Za-z.\-_]*$/, { message: "letters, digits, '.', '-' and '_' only" })
      .openapi({ param: { name, in: "path" }, example }),
  } as Record<N, z.ZodString>);
