// The "essential" worker for `npm run bench`: what a webhook receiver cannot
// skip — look up the channel's secret, verify Meta's HMAC over the raw bytes,
// check the JSON, enqueue the raw body — and nothing else. Its secrets are
// derived from the channel id (the bench signs the same way), its imported keys
// cached per isolate, and its queue consumer only acknowledges.
interface Env {
  QUEUE: Queue<unknown>;
}

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();
const key = (channelId: string) => {
  let k = keys.get(channelId);
  if (!k) {
    k = crypto.subtle.importKey("raw", encoder.encode(`bench-secret-${channelId}`), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
    keys.set(channelId, k);
  }
  return k;
};

function fromHex(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[0-9a-f]{64}$/i.test(hex)) return null;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const problem = (status: number) => new Response(JSON.stringify({ status }), { status, headers: { "content-type": "application/problem+json" } });

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const m = /^\/webhooks\/meta\/([A-Za-z0-9_]+)$/.exec(new URL(request.url).pathname);
    if (request.method !== "POST" || !m) return problem(404);
    const raw = await request.arrayBuffer();
    const sig = fromHex((request.headers.get("x-hub-signature-256") ?? "").replace(/^sha256=/, ""));
    if (!sig || !(await crypto.subtle.verify("HMAC", await key(m[1]!), sig, raw))) return problem(401);
    let text: string;
    try {
      text = new TextDecoder().decode(raw);
      JSON.parse(text);
    } catch {
      return problem(400);
    }
    await env.QUEUE.send({ kind: "webhook", channelId: m[1], receivedAt: Date.now(), body: text }, { contentType: "json" });
    return Response.json({ received: true });
  },
  async queue(batch: MessageBatch<unknown>): Promise<void> {
    batch.ackAll();
  },
} satisfies ExportedHandler<Env>;
