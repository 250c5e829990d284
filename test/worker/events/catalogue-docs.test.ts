// Every event in the catalogue is documented in docs/webhooks.md (a row in the
// table and its own section) and is emitted somewhere in the worker: a static
// check over the files, so a type nobody sends or nobody documented fails here.
import { describe, expect, it } from "vitest";
import { EVENT_TYPES } from "../../../worker/events/emit";
import { EVENT_CATALOGUE } from "../../../worker/events/catalogue";
import webhooksDoc from "../../../docs/webhooks.md?raw";

// The worker's source, as text. Files that only describe events (the catalogue,
// the queue plumbing, the documentation routes) do not count as emitters.
const sources = import.meta.glob("../../../worker/**/*.ts", { query: "?raw", import: "default", eager: true });
const NOT_EMITTERS = /\/worker\/(events|routes|docs)\//;

describe("event catalogue, documentation and emitters", () => {
  it("the catalogue has a schema for every event type and nothing else", () => {
    expect(Object.keys(EVENT_CATALOGUE).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it.each(EVENT_TYPES)("%s has a row and a section in docs/webhooks.md", (type) => {
    expect(webhooksDoc, `no "### \`${type}\`" section`).toContain(`\n### \`${type}\`\n`);
    expect(webhooksDoc, `no table row for ${type}`).toMatch(new RegExp(`^\\| \\[\`${type.replace(".", "\\.")}\`\\]\\(#${type.replace(".", "")}\\) \\|`, "m"));
  });

  it.each(EVENT_TYPES)("%s is emitted by worker code", (type) => {
    const emitters = Object.entries(sources)
      .filter(([path, text]) => !NOT_EMITTERS.test(path) && text.includes(`"${type}"`))
      .map(([path]) => path);
    expect(emitters, `nothing in worker/ sends ${type}`).not.toEqual([]);
  });

  it("documents no event the catalogue does not have", () => {
    const documented = [...webhooksDoc.matchAll(/^### `([a-z_]+\.[a-z_]+)`$/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...EVENT_TYPES].sort());
  });

  it("the source scan sees the worker (the check cannot pass on an empty glob)", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
  });
});
