/**
 * The demo's year of history for the leaders' figures (scripts/demo/figures-history.ts), through the real
 * integration API, and satisfaction ratings of some of those dossiers as citizens give them with the slip's QR
 * (counted in the month they are given). Idempotent: events come back as duplicates, a rating already given is
 * left as it is.
 */
import { demoHistory } from "../demo/figures-history";
import { apiUrlFor, type IntegrationKeys, postEvents, readBody, signedJson } from "./signing";

const OVERALL = ["very_satisfied", "satisfied", "satisfied", "satisfied", "very_satisfied", "satisfied", "dissatisfied", "satisfied"] as const;
const RATED_EVERY = 6;

export async function seedDemoFigures(apiUrl: string, keys: IntegrationKeys, now: Date): Promise<{ dossiers: number; rated: number }> {
  const history = demoHistory(now);
  await postEvents(
    apiUrl,
    keys,
    history.flatMap((d) => d.events),
  );
  const toRate = history.filter((d) => d.returned).filter((_, i) => i % RATED_EVERY === 0);
  let rated = 0;
  for (const [i, d] of toRate.entries()) {
    const { slipToken } = await signedJson<{ slipToken: string }>(apiUrl, keys, "GET", `/v1/integration/dossiers/${encodeURIComponent(d.code)}/slip`);
    const res = await fetch(apiUrlFor(apiUrl, `/v1/dossiers/${encodeURIComponent(d.code)}/rating`), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        t: slipToken,
        extraVisits: "0",
        agenciesCount: "1",
        publiclyPosted: "yes",
        attitude: "courteous",
        convenience: "convenient",
        overall: OVERALL[i % OVERALL.length],
      }),
    });
    if (res.status === 201) rated++;
    else if (res.status !== 409) throw new Error(`demo rating of ${d.code}: ${res.status} ${JSON.stringify(await readBody(res))}`);
  }
  return { dossiers: history.length, rated };
}
