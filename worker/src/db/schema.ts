/**
 * The D1 schema (drizzle-kit generates migrations from this file), by concern: the tenant's reference data,
 * dossiers and integration; what belongs to a citizen (consents, follows, messages, ratings, questions, feedback);
 * privacy records. Times are stored as ISO-8601 strings in UTC, so they sort as text.
 */
export * from "./broadcast-schema";
export * from "./citizen-schema";
export * from "./figures-schema";
export * from "./privacy-schema";
export * from "./tenant-schema";
export * from "./officials-schema";
export * from "./control-schema";
