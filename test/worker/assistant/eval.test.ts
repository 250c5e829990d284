// The assistant evaluation set (test/eval), run through the real pipeline:
// sandbox message → queue → ConversationDO → assistant. In `npm test` it runs
// with the built-in provider and every case must pass; `npm run eval` runs the
// same set against whatever provider is configured and reports pass rates.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { numbersIn } from "../../../worker/ai/text";
import knowledge from "../../eval/knowledge.json";
import cases from "../../eval/cases.json";
import { createTenant, type TenantOwner } from "../helpers/tenants";
import { eventually } from "../helpers/wait";

type Case = (typeof cases)[number] & { expect: { contains?: string[]; handoff?: boolean; optOut?: boolean } };
const reportOnly = (env as unknown as { PARLEY_EVAL?: string }).PARLEY_EVAL === "1";

async function tenantWith(kb: keyof typeof knowledge): Promise<TenantOwner> {
  const owner = await createTenant({ tenantName: kb });
  expect((await owner.callWithKey("PATCH", "/api/bot-settings", { burstSeconds: 0 })).status).toBe(200);
  for (const entry of knowledge[kb]) {
    const res = await owner.callWithKey("POST", "/api/knowledge", entry);
    expect(res.status, res.text).toBe(201);
  }
  return owner;
}

let phone = 0;
async function run(owner: TenantOwner, c: Case): Promise<{ pass: boolean; why: string }> {
  phone++;
  const sent = await owner.callWithKey("POST", "/api/sandbox/messages", { from: `+62811${String(700000 + phone)}`, text: c.message });
  if (sent.status !== 202) return { pass: false, why: `sandbox ${sent.status}` };
  const { conversationId, contactId } = sent.json;
  const outbound = await eventually(
    async () => {
      const rows = await env.DB.prepare("SELECT text, payload FROM messages WHERE conversation_id = ? AND direction = 'outbound' ORDER BY id").bind(conversationId).all<{ text: string; payload: string }>();
      if (!rows.results.length) throw new Error("no reply yet");
      return rows.results;
    },
    { what: `a reply to "${c.message}"` },
  );
  const conv = await env.DB.prepare("SELECT mode FROM conversations WHERE id = ?").bind(conversationId).first<{ mode: string }>();
  const contact = await env.DB.prepare("SELECT opted_out FROM contacts WHERE id = ?").bind(contactId).first<{ opted_out: number }>();
  const text = outbound.map((m) => m.text).join("\n");
  const kbNumbers = new Set(numbersIn(JSON.stringify(knowledge[c.kb as keyof typeof knowledge])));
  if (c.expect.contains) {
    const missing = c.expect.contains.filter((f) => !text.includes(f));
    if (missing.length) return { pass: false, why: `missing ${missing.join(", ")} in: ${text}` };
    if (conv?.mode !== "bot") return { pass: false, why: `handed off instead of answering` };
  }
  if (c.expect.handoff) {
    if (conv?.mode !== "human") return { pass: false, why: `not handed off; replied: ${text}` };
    const invented = numbersIn(text).filter((n) => !kbNumbers.has(n));
    if (invented.length) return { pass: false, why: `invented numbers ${invented.join(", ")}` };
  }
  if (c.expect.optOut) {
    if (contact?.opted_out !== 1) return { pass: false, why: "not opted out" };
    if (outbound.length !== 1) return { pass: false, why: `${outbound.length} messages after opting out` };
  }
  return { pass: true, why: "" };
}

describe("assistant evaluation set", () => {
  it(`passes every case (${cases.length} cases, 2 knowledge bases, EN + ID)`, async () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const owners = { "real-estate": await tenantWith("real-estate"), education: await tenantWith("education") };
    const byCategory = new Map<string, { pass: number; total: number }>();
    const failures: string[] = [];
    for (const c of cases as Case[]) {
      const r = await run(owners[c.kb as keyof typeof owners], c);
      const s = byCategory.get(c.category) ?? { pass: 0, total: 0 };
      s.total++;
      if (r.pass) s.pass++;
      else failures.push(`[${c.category}/${c.lang}] "${c.message}": ${r.why}`);
      byCategory.set(c.category, s);
    }
    const report = [...byCategory].map(([cat, s]) => `${cat.padEnd(18)} ${s.pass}/${s.total} (${Math.round((100 * s.pass) / s.total)}%)`);
    console.warn(`assistant eval (${(env as unknown as { AI_PROVIDER?: string }).AI_PROVIDER ?? "builtin"}):\n${report.join("\n")}${failures.length ? `\nfailures:\n${failures.join("\n")}` : ""}`);
    if (!reportOnly) expect(failures).toEqual([]);
  }, 120_000);
});
