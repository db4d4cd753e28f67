/**
 * The app's state, by concern: what an API read ended as (outcome), where the citizen is (location), the province
 * and its desks, the dossiers kept on this phone, dossier lookups, the procedure guide; the signed-in citizen's
 * (account) and their voice (voice) are imported from their own modules, so the first screen does not load them.
 */
export * from "./dossiers";
export * from "./location";
export * from "./outcome";
export * from "./procedures";
export * from "./province";
export * from "./saved-dossiers";
