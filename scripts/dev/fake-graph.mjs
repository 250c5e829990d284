// A stand-in for Meta's Graph API that `npm start` runs on 127.0.0.1 when no
// WHATSAPP_GRAPH_API_URL is given, so the local stack works offline: Meta
// channels can be connected and messages "sent". Never used in production
// (the worker refuses a localhost Graph URL there, and wrangler.toml's
// production value is graph.facebook.com).
//
// What it answers, like Graph does:
// - GET /{phone-number-id}?fields=…: the first token to ask about a number owns
//   it; another token gets error 100 (the number is not visible to it).
// - POST /{phone-number-id}/messages: a wamid (or { success } for read receipts)
//   to the owner's token; error 190 to any other.
// - POST /{phone-number-id}/media: an upload id.
// - GET /{waba-id}/message_templates: no templates; POST: the template PENDING.
// - GET /{media-id}: error 100 (no customer media exists offline).
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";

const json = (res, status, body) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};
const graphError = (res, status, code, message) => json(res, status, { error: { message, type: "OAuthException", code, fbtrace_id: "local" } });

export async function startDevGraph({ version = "v25.0", log = () => {} } = {}) {
  const owners = new Map(); // phone number id → token
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (d) => (raw += d));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://local");
      const parts = url.pathname.replace(/^\/v\d+\.\d+/, "").split("/").filter(Boolean);
      const token = String(req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
      if (!token) return graphError(res, 401, 190, "An access token is required to request this resource.");
      const [id, edge] = parts;
      if (!id) return graphError(res, 400, 100, "Unsupported request");
      if (req.method === "GET" && !edge && owners.has(id) === false && url.searchParams.get("fields")?.includes("display_phone_number")) {
        owners.set(id, token);
        log(`fake Graph API: ${id} now belongs to the token that asked first`);
      }
      const owner = owners.get(id);
      if (req.method === "GET" && !edge) {
        if (owner === undefined) return graphError(res, 400, 100, `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`);
        if (owner !== token) return graphError(res, 400, 100, `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`);
        return json(res, 200, { id, display_phone_number: `+1 555-${id.slice(-7, -4)}-${id.slice(-4)}`, verified_name: "Local Test Business", quality_rating: "GREEN" });
      }
      if (edge === "message_templates") {
        if (req.method === "GET") return json(res, 200, { data: [], paging: {} });
        let body = {};
        try {
          body = JSON.parse(raw || "{}");
        } catch {
          return graphError(res, 400, 100, "Invalid parameter");
        }
        return json(res, 200, { id: String(Date.now()), status: "PENDING", category: String(body.category ?? "UTILITY").toUpperCase() });
      }
      if (owner !== undefined && owner !== token) return graphError(res, 401, 190, "Invalid OAuth access token.");
      if (req.method === "POST" && edge === "media") return json(res, 200, { id: `local-media-${randomBytes(6).toString("hex")}` });
      if (req.method === "POST" && edge === "messages") {
        let body = {};
        try {
          body = JSON.parse(raw || "{}");
        } catch {
          return graphError(res, 400, 100, "Invalid parameter");
        }
        if (body.status === "read") return json(res, 200, { success: true });
        const to = String(body.to ?? body.recipient ?? "");
        return json(res, 200, { messaging_product: "whatsapp", contacts: [{ input: to, wa_id: to.replace(/\D/g, "") }], messages: [{ id: `wamid.LOCAL${randomBytes(12).toString("hex").toUpperCase()}` }] });
      }
      return graphError(res, 400, 100, "Unsupported request");
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/${version}`, stop: () =>
      new Promise((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      }), };
}
