// Checks a running worker before it is measured: it sees the seeded rows and the bench's slip tokens.

export async function getJson(url) {
  const res = await fetch(url);
  const text = await res.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body, text };
}

/**
 * Before measuring: the worker sees the seeded rows (sampled codes, first and last), slip tokens computed here are
 * accepted, a wrong one is refused, and the floors answer. With `server.floor === false` the codes are sampled
 * through the public route and the floors are left out: the floor's path names no province, so with the data in
 * a province's shard (bench/shards.mjs) it would read the control database.
 */
export async function verifyLookups(server, codes, tokens) {
  const expect = (cond, message) => {
    if (!cond) throw new Error(`${server.way}: ${message}`);
  };
  const sample = [0, codes.length - 1, ...Array.from({ length: 48 }, () => Math.floor(Math.random() * codes.length))];
  const floor = server.floor !== false;
  for (const i of sample) {
    const r = await getJson(`${server.url}${floor ? "/__bench/floor/public/" : "/v1/dossiers/"}${codes[i]}`);
    expect(r.status === 200 && r.body?.code === codes[i], `lookup of seeded code ${codes[i]} gave ${r.status}: ${r.text.slice(0, 200)}`);
  }
  const i = sample[2];
  const pub = await getJson(`${server.url}/v1/dossiers/${codes[i]}`);
  expect(pub.status === 200 && pub.body?.view === "public", `public lookup gave ${pub.status}: ${pub.text.slice(0, 200)}`);
  const owner = await getJson(`${server.url}/v1/dossiers/${codes[i]}?t=${tokens[i]}`);
  expect(
    owner.status === 200 && owner.body?.view === "owner",
    `owner lookup with the computed slip token gave ${owner.status}: ${owner.text.slice(0, 200)} (does the worker get SERVER_SECRET from the bench?)`,
  );
  const wrongToken = tokens[(i + 1) % tokens.length];
  const wrong = await getJson(`${server.url}/v1/dossiers/${codes[i]}?t=${wrongToken}`);
  expect(wrong.status === 403, `owner lookup with another dossier's token gave ${wrong.status}, expected 403`);
  if (floor) {
    const floorOwner = await getJson(`${server.url}/__bench/floor/owner/${codes[i]}`);
    expect(floorOwner.status === 200 && floorOwner.body?.timeline, `owner floor gave ${floorOwner.status}`);
  }
  // Miniflare can also count the rows its D1 binding sees (wrangler dev's D1 is only reachable through the worker).
  const dossierRows = server.countRows ? await server.countRows() : null;
  if (dossierRows !== null) expect(dossierRows === codes.length, `its D1 holds ${dossierRows} dossiers, expected ${codes.length}`);
  return {
    dossierRows,
    sampledCodes: sample.length,
    publicBytes: pub.text.length,
    ownerBytes: owner.text.length,
    ownerTimelineEntries: owner.body.timeline.length,
  };
}
