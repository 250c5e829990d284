// The assistant evaluation sets (test/eval), run through the real pipeline:
// sandbox message → queue → ConversationDO → assistant. The main set and a
// held-out set (other businesses, questions written without looking at the
// lexicon) are reported separately; `npm run eval` adds the blind sets (six more
// businesses each) that are reported but not held to the bar. In `npm test` they run with the built-in
// provider and must meet the bar below; `npm run eval` runs the same sets
// against whatever provider is configured (AI_PROVIDER, LLM_*) and prints the
// same tables without failing.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { numbersIn } from "../../../worker/ai/text";
import { PHRASES } from "../../../worker/ai/phrases";
import mainKnowledge from "../../eval/knowledge.json";
import mainCases from "../../eval/cases.json";
import holdoutKnowledge from "../../eval/holdout-knowledge.json";
import holdoutCases from "../../eval/holdout-cases.json";
import blindKnowledge from "../../eval/blind-knowledge.json";
import blindCases from "../../eval/blind-cases.json";
import blind2Knowledge from "../../eval/blind2-knowledge.json";
import blind2Cases from "../../eval/blind2-cases.json";
import blind3Knowledge from "../../eval/blind3-knowledge.json";
import blind3Cases from "../../eval/blind3-cases.json";
import blind4Knowledge from "../../eval/blind4-knowledge.json";
import blind4Cases from "../../eval/blind4-cases.json";
import blind5Knowledge from "../../eval/blind5-knowledge.json";
import blind5Cases from "../../eval/blind5-cases.json";
import blind6Knowledge from "../../eval/blind6-knowledge.json";
import blind6Cases from "../../eval/blind6-cases.json";
import blind7Knowledge from "../../eval/blind7-knowledge.json";
import blind7Cases from "../../eval/blind7-cases.json";
import blind8Knowledge from "../../eval/blind8-knowledge.json";
import blind8Cases from "../../eval/blind8-cases.json";
import blind9Knowledge from "../../eval/blind9-knowledge.json";
import blind9Cases from "../../eval/blind9-cases.json";
import blind10Knowledge from "../../eval/blind10-knowledge.json";
import blind10Cases from "../../eval/blind10-cases.json";
import blind11Knowledge from "../../eval/blind11-knowledge.json";
import blind11Cases from "../../eval/blind11-cases.json";
import blind12Knowledge from "../../eval/blind12-knowledge.json";
import blind12Cases from "../../eval/blind12-cases.json";
import blind13Knowledge from "../../eval/blind13-knowledge.json";
import blind13Cases from "../../eval/blind13-cases.json";
import blind14Knowledge from "../../eval/blind14-knowledge.json";
import blind14Cases from "../../eval/blind14-cases.json";
import blind15Knowledge from "../../eval/blind15-knowledge.json";
import blind15Cases from "../../eval/blind15-cases.json";
import blind16Knowledge from "../../eval/blind16-knowledge.json";
import blind16Cases from "../../eval/blind16-cases.json";
import blind17Knowledge from "../../eval/blind17-knowledge.json";
import blind17Cases from "../../eval/blind17-cases.json";
import blind18Knowledge from "../../eval/blind18-knowledge.json";
import blind18Cases from "../../eval/blind18-cases.json";
import blind19Knowledge from "../../eval/blind19-knowledge.json";
import blind19Cases from "../../eval/blind19-cases.json";
import blind20Knowledge from "../../eval/blind20-knowledge.json";
import blind20Cases from "../../eval/blind20-cases.json";
import blind21Knowledge from "../../eval/blind21-knowledge.json";
import blind21Cases from "../../eval/blind21-cases.json";
import blind22Knowledge from "../../eval/blind22-knowledge.json";
import blind22Cases from "../../eval/blind22-cases.json";
import blind23Knowledge from "../../eval/blind23-knowledge.json";
import blind23Cases from "../../eval/blind23-cases.json";
import blind24Knowledge from "../../eval/blind24-knowledge.json";
import blind24Cases from "../../eval/blind24-cases.json";
import { createTenant, type TenantOwner } from "../helpers/tenants";
import { eventually } from "../helpers/wait";

type Knowledge = Record<string, { title: string; content: string }[]>;
interface Case {
  kb: string;
  lang: string;
  category: string;
  message: string;
  expect: { contains?: string[]; handoff?: boolean; optOut?: boolean };
}
interface Outcome {
  right: boolean;
  handedOff: boolean;
  invented: string[];
  optedOut: boolean;
  text: string;
}
const reportOnly = (env as unknown as { PARLEY_EVAL?: string }).PARLEY_EVAL === "1";

async function tenantWith(knowledge: Knowledge, kb: string, tenantName: string): Promise<TenantOwner> {
  const owner = await createTenant({ tenantName });
  expect((await owner.callWithKey("PATCH", "/api/bot-settings", { burstSeconds: 0 })).status).toBe(200);
  for (const entry of knowledge[kb]!) {
    const res = await owner.callWithKey("POST", "/api/knowledge", entry);
    expect(res.status, res.text).toBe(201);
  }
  return owner;
}

let phone = 0;
async function run(owner: TenantOwner, knowledge: Knowledge, c: Case): Promise<Outcome> {
  phone++;
  const sent = await owner.callWithKey("POST", "/api/sandbox/messages", { from: `+62811${String(700000 + phone)}`, text: c.message });
  expect(sent.status, sent.text).toBe(202);
  const { conversationId, contactId } = sent.json;
  const outbound = await eventually(
    async () => {
      const rows = await env.DB.prepare("SELECT text FROM messages WHERE conversation_id = ? AND direction = 'outbound' ORDER BY id").bind(conversationId).all<{ text: string }>();
      if (!rows.results.length) throw new Error("no reply yet");
      return rows.results;
    },
    { what: `a reply to "${c.message}"` },
  );
  const conv = await env.DB.prepare("SELECT mode FROM conversations WHERE id = ?").bind(conversationId).first<{ mode: string }>();
  const contact = await env.DB.prepare("SELECT opted_out FROM contacts WHERE id = ?").bind(contactId).first<{ opted_out: number }>();
  const text = outbound.map((m) => m.text).join("\n");
  const kbNumbers = new Set(numbersIn(JSON.stringify(knowledge[c.kb])));
  const handedOff = conv?.mode === "human";
  return {
    right: !!c.expect.contains && !handedOff && c.expect.contains.every((f) => text.includes(f)),
    handedOff,
    invented: numbersIn(statedFacts(text)).filter((n) => !kbNumbers.has(n)),
    optedOut: contact?.opted_out === 1 && outbound.length === 1,
    text,
  };
}

interface Row {
  total: number;
  right: number;
  handedOff: number;
  invented: number;
  optedOut: number;
}
// A which-one question's numbering ("1. Course packages", "Reply with a number from 1 to 3") states no fact.
const PICK_ONE = new Set(Object.values(PHRASES).flatMap((p) => Array.from({ length: 9 }, (_, i) => p.pickOne(i + 2))));
const statedFacts = (text: string) =>
  text
    .split("\n")
    .filter((line) => !PICK_ONE.has(line))
    .map((line) => line.replace(/^\d+\.\s/, ""))
    .join("\n");
const pct = (n: number, d: number) => `${n}/${d} (${Math.round((100 * n) / d)}%)`.padEnd(14);

const sets = [
  { name: "main", knowledge: mainKnowledge as Knowledge, cases: mainCases as Case[], minInKnowledge: 200, minOutOfKnowledge: 60 },
  { name: "held-out", knowledge: holdoutKnowledge as Knowledge, cases: holdoutCases as Case[], minInKnowledge: 120, minOutOfKnowledge: 30 },
  // More businesses whose questions were written without the matching code at hand: a measure of
  // what a new tenant meets, reported by `npm run eval` only (it is below the bar the other sets hold).
  ...(reportOnly
    ? [
        { name: "blind", knowledge: blindKnowledge as Knowledge, cases: blindCases as Case[], minInKnowledge: 120, minOutOfKnowledge: 30 },
        { name: "blind-2", knowledge: blind2Knowledge as Knowledge, cases: blind2Cases as Case[], minInKnowledge: 120, minOutOfKnowledge: 30 },
        { name: "blind-3", knowledge: blind3Knowledge as Knowledge, cases: blind3Cases as Case[], minInKnowledge: 120, minOutOfKnowledge: 30 },
        { name: "blind-4", knowledge: blind4Knowledge as Knowledge, cases: blind4Cases as Case[], minInKnowledge: 150, minOutOfKnowledge: 45 },
        { name: "blind-5", knowledge: blind5Knowledge as Knowledge, cases: blind5Cases as Case[], minInKnowledge: 155, minOutOfKnowledge: 50 },
        { name: "blind-6", knowledge: blind6Knowledge as Knowledge, cases: blind6Cases as Case[], minInKnowledge: 160, minOutOfKnowledge: 50 },
        { name: "blind-7", knowledge: blind7Knowledge as Knowledge, cases: blind7Cases as Case[], minInKnowledge: 160, minOutOfKnowledge: 50 },
        { name: "blind-8", knowledge: blind8Knowledge as Knowledge, cases: blind8Cases as Case[], minInKnowledge: 160, minOutOfKnowledge: 50 },
        { name: "blind-9", knowledge: blind9Knowledge as Knowledge, cases: blind9Cases as Case[], minInKnowledge: 160, minOutOfKnowledge: 50 },
        { name: "blind-10", knowledge: blind10Knowledge as Knowledge, cases: blind10Cases as Case[], minInKnowledge: 160, minOutOfKnowledge: 50 },
        { name: "blind-11", knowledge: blind11Knowledge as Knowledge, cases: blind11Cases as Case[], minInKnowledge: 160, minOutOfKnowledge: 50 },
        { name: "blind-12", knowledge: blind12Knowledge as Knowledge, cases: blind12Cases as Case[], minInKnowledge: 160, minOutOfKnowledge: 50 },
        { name: "blind-13", knowledge: blind13Knowledge as Knowledge, cases: blind13Cases as Case[], minInKnowledge: 160, minOutOfKnowledge: 50 },
        { name: "blind-14", knowledge: blind14Knowledge as Knowledge, cases: blind14Cases as Case[], minInKnowledge: 160, minOutOfKnowledge: 50 },
        { name: "blind-15", knowledge: blind15Knowledge as Knowledge, cases: blind15Cases as Case[], minInKnowledge: 160, minOutOfKnowledge: 50 },
        { name: "blind-16", knowledge: blind16Knowledge as Knowledge, cases: blind16Cases as Case[], minInKnowledge: 160, minOutOfKnowledge: 50 },
        { name: "blind-17", knowledge: blind17Knowledge as Knowledge, cases: blind17Cases as Case[], minInKnowledge: 180, minOutOfKnowledge: 55 },
        { name: "blind-18", knowledge: blind18Knowledge as Knowledge, cases: blind18Cases as Case[], minInKnowledge: 180, minOutOfKnowledge: 55 },
        { name: "blind-19", knowledge: blind19Knowledge as Knowledge, cases: blind19Cases as Case[], minInKnowledge: 180, minOutOfKnowledge: 55 },
        { name: "blind-20", knowledge: blind20Knowledge as Knowledge, cases: blind20Cases as Case[], minInKnowledge: 180, minOutOfKnowledge: 55 },
        { name: "blind-21", knowledge: blind21Knowledge as Knowledge, cases: blind21Cases as Case[], minInKnowledge: 180, minOutOfKnowledge: 55 },
        { name: "blind-22", knowledge: blind22Knowledge as Knowledge, cases: blind22Cases as Case[], minInKnowledge: 180, minOutOfKnowledge: 55 },
        { name: "blind-23", knowledge: blind23Knowledge as Knowledge, cases: blind23Cases as Case[], minInKnowledge: 180, minOutOfKnowledge: 55 },
        { name: "blind-24", knowledge: blind24Knowledge as Knowledge, cases: blind24Cases as Case[], minInKnowledge: 180, minOutOfKnowledge: 55 },
      ]
    : []),
];

describe.each(sets)("assistant evaluation set: $name", ({ name, knowledge, cases, minInKnowledge, minOutOfKnowledge }) => {
  it(`meets the bar (${cases.length} cases, ${Object.keys(knowledge).length} knowledge bases, EN + ID + mixed)`, async () => {
    const inKnowledge = cases.filter((c) => c.category === "in_knowledge");
    expect(inKnowledge.length).toBeGreaterThanOrEqual(minInKnowledge);
    expect(cases.filter((c) => c.category === "out_of_knowledge").length).toBeGreaterThanOrEqual(minOutOfKnowledge);
    expect(Object.keys(knowledge).length).toBeGreaterThanOrEqual(3);
    const owners = Object.fromEntries(await Promise.all(Object.keys(knowledge).map(async (kb) => [kb, await tenantWith(knowledge, kb, `${name} ${kb}`)] as const)));
    const rows = new Map<string, Row>();
    const failures: string[] = [];
    // Every case is its own contact and conversation: they run a few at a time.
    const queue = [...cases];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let c = queue.shift(); c; c = queue.shift()) {
          const o = await run(owners[c.kb]!, knowledge, c);
          const key = c.category === "in_knowledge" || c.category === "out_of_knowledge" ? `${c.category}/${c.lang}` : c.category;
          const r = rows.get(key) ?? { total: 0, right: 0, handedOff: 0, invented: 0, optedOut: 0 };
          r.total++;
          if (o.right) r.right++;
          if (o.handedOff) r.handedOff++;
          if (o.invented.length) r.invented++;
          if (o.optedOut) r.optedOut++;
          rows.set(key, r);
          const failed =
            (c.category === "in_knowledge" && !o.right) ||
            (c.expect.handoff && !o.handedOff) ||
            (c.expect.optOut && !o.optedOut) ||
            o.invented.length > 0;
          if (failed) failures.push(`[${c.kb} ${key}] "${c.message}" → ${o.handedOff ? "(handed off) " : ""}${o.invented.length ? `(invented ${o.invented.join(", ")}) ` : ""}${o.text.replace(/\n/g, " ⏎ ")}`);
        }
      }),
    );
    const order = [...rows.keys()].sort();
    const table = [
      `| category | cases | right fact | handed off | invented numbers |`,
      `| --- | --- | --- | --- | --- |`,
      ...order.map((k) => {
        const r = rows.get(k)!;
        const right = k.startsWith("in_knowledge") ? pct(r.right, r.total) : k === "opt_out" ? `opted out ${r.optedOut}/${r.total}` : "–";
        return `| ${k} | ${r.total} | ${right} | ${pct(r.handedOff, r.total)} | ${r.invented} |`;
      }),
    ];
    const provider = (env as unknown as { AI_PROVIDER?: string }).AI_PROVIDER ?? "builtin";
    console.warn(`assistant eval, ${name} set (${provider}):\n${table.join("\n")}${failures.length ? `\nfailures:\n${failures.join("\n")}` : ""}`);
    if (reportOnly) return;
    for (const [k, r] of rows) {
      if (k.startsWith("in_knowledge/")) expect(r.right / r.total, `${k} right fact`).toBeGreaterThanOrEqual(0.9);
      if (k.startsWith("out_of_knowledge/") || k === "human_request") expect(r.handedOff, `${k} handed off`).toBe(r.total);
      if (k === "opt_out") expect(r.optedOut, "opted out").toBe(r.total);
      expect(r.invented, `${k} invented numbers`).toBe(0);
    }
  }, 600_000);
});
