// Current defaults: the Graph API version and the Workers AI model Parley uses
// when nothing else is configured must not be ones their providers retired.
import { describe, expect, it } from "vitest";
import { DEFAULT_GRAPH_API_VERSION } from "../../../worker/channels/meta-numbers";
import { PLANS } from "../../../worker/ai/plans";
import { parseConfig, type Env } from "../../../worker/env";
import toml from "../../../wrangler.toml?raw";

// Graph API versions Meta has retired or announced for retirement (v21.0: January 2027).
const RETIRING_GRAPH_VERSIONS = ["v18.0", "v19.0", "v20.0", "v21.0"];
// Cloudflare's changelog, 8 May 2026: models deprecated on 30 May 2026 (the text-generation ones).
const RETIRED_WORKERS_AI_MODELS = [
  "@hf/meta-llama/meta-llama-3-8b-instruct",
  "@cf/meta/llama-3-8b-instruct",
  "@cf/meta/llama-3-8b-instruct-awq",
  "@cf/meta/llama-3.1-8b-instruct",
  "@cf/meta/llama-3.1-8b-instruct-awq",
  "@cf/meta/llama-3.1-70b-instruct",
  "@cf/meta/llama-2-7b-chat-int8",
  "@cf/meta/llama-2-7b-chat-fp16",
  "@cf/mistral/mistral-7b-instruct-v0.1",
  "@hf/mistral/mistral-7b-instruct-v0.2",
  "@hf/google/gemma-7b-it",
  "@cf/google/gemma-3-12b-it",
  "@cf/moonshotai/kimi-k2.5",
  "@cf/microsoft/phi-2",
];

describe("current defaults", () => {
  const defaults = parseConfig({} as Env);

  it("talks to a current Graph API version", () => {
    expect(defaults.WHATSAPP_GRAPH_API_URL).toBe(`https://graph.facebook.com/${DEFAULT_GRAPH_API_VERSION}`);
    expect(RETIRING_GRAPH_VERSIONS).not.toContain(DEFAULT_GRAPH_API_VERSION);
  });

  it("uses the same version in wrangler.toml, for development and production", () => {
    const urls = [...toml.matchAll(/^WHATSAPP_GRAPH_API_URL\s*=\s*"([^"]+)"/gm)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThanOrEqual(2);
    for (const url of urls) expect(url).toBe(`https://graph.facebook.com/${DEFAULT_GRAPH_API_VERSION}`);
  });

  it("uses a Workers AI model Cloudflare has not retired, and every plan allows it", () => {
    expect(RETIRED_WORKERS_AI_MODELS).not.toContain(defaults.AI_MODEL);
    for (const plan of Object.values(PLANS)) {
      for (const model of plan.models["workers-ai"]) expect(RETIRED_WORKERS_AI_MODELS).not.toContain(model);
    }
  });
});
