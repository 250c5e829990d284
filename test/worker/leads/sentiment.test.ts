// The sentiment kept on each customer message: the lexicon scorer against a
// labeled set of chat messages (test/eval/sentiment.json: English, Indonesian
// with slang, and code-mixing), negation and slang, and the Workers AI
// classifier with its fallback. `npm run eval` prints the table too.
import { describe, expect, it } from "vitest";
import { classifierSentiment, lexiconSentiment, type SentimentLabel } from "../../../worker/leads/sentiment";
import set from "../../eval/sentiment.json";

interface Labeled {
  lang: string;
  text: string;
  label: SentimentLabel;
}

describe("the labeled sentiment set", () => {
  it("has at least 100 messages, half of them Indonesian or code-mixed", () => {
    const rows = set as Labeled[];
    expect(rows.length).toBeGreaterThanOrEqual(100);
    expect(rows.filter((r) => r.lang !== "en").length * 2).toBeGreaterThanOrEqual(rows.length);
    for (const label of ["positive", "neutral", "negative"]) expect(rows.filter((r) => r.label === label).length).toBeGreaterThanOrEqual(30);
  });

  it("is read right at least 85% of the time by the lexicon, in every language", () => {
    const rows = set as Labeled[];
    const by = new Map<string, { n: number; right: number }>();
    const misses: string[] = [];
    for (const r of rows) {
      const got = lexiconSentiment(r.text).label;
      for (const key of [r.lang, "all"]) {
        const cell = by.get(key) ?? { n: 0, right: 0 };
        cell.n++;
        if (got === r.label) cell.right++;
        by.set(key, cell);
      }
      if (got !== r.label) misses.push(`  ${r.lang} "${r.text}": expected ${r.label}, got ${got}`);
    }
    const table = [...by].map(([k, v]) => `| ${k} | ${v.n} | ${v.right}/${v.n} (${Math.round((v.right * 100) / v.n)}%) |`);
    console.log(["Sentiment (lexicon):", "| set | messages | right |", "| --- | --- | --- |", ...table, misses.length ? `misses:\n${misses.join("\n")}` : "no misses"].join("\n"));
    for (const [lang, v] of by) expect(v.right / v.n, `${lang}: ${v.right}/${v.n}`).toBeGreaterThanOrEqual(0.85);
  });
});

describe("the lexicon scorer", () => {
  it.each([
    ["not good", "negative"],
    ["gak bagus", "negative"],
    ["tidak kecewa kok", "positive"],
    ["not bad", "positive"],
    ["mantaaaap", "positive"],
    ["bagusnya kebangetan", "positive"],
    ["lemot bgt", "negative"],
    ["😡", "negative"],
    ["berapa harganya", "neutral"],
    ["", "neutral"],
  ] as const)("%s → %s", (text, label) => {
    expect(lexiconSentiment(text).label).toBe(label);
  });

  it("scores within −1…1, stronger with an intensifier", () => {
    const plain = lexiconSentiment("bagus").score;
    const strong = lexiconSentiment("bagus banget").score;
    expect(strong).toBeGreaterThan(plain);
    for (const t of ["terrible terrible terrible awful worst!!!", "love love amazing perfect the best 😍"]) expect(Math.abs(lexiconSentiment(t).score)).toBeLessThanOrEqual(1);
  });
});

describe("the Workers AI classifier", () => {
  it("maps the model's labels to a score and label", async () => {
    const ai = { run: async () => [{ label: "NEGATIVE", score: 0.03 }, { label: "POSITIVE", score: 0.97 }] };
    expect(await classifierSentiment(ai, "love it")).toEqual({ score: 0.94, label: "positive", source: "workers-ai" });
    const unsure = { run: async () => [{ label: "NEGATIVE", score: 0.45 }, { label: "POSITIVE", score: 0.55 }] };
    expect((await classifierSentiment(unsure, "hmm")).label).toBe("neutral");
  });

  it("falls back to the lexicon when the model fails or answers something else", async () => {
    const failing = { run: async () => Promise.reject(new Error("capacity")) };
    expect(await classifierSentiment(failing, "kecewa banget")).toMatchObject({ label: "negative", source: "lexicon" });
    const odd = { run: async () => ({ response: "positive" }) };
    expect(await classifierSentiment(odd, "makasih kak")).toMatchObject({ label: "positive", source: "lexicon" });
  });
});
