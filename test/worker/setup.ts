import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { vi } from "vitest";
import { ownershipAnswer } from "./helpers/graph-owner";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// Test files share a runtime (isolate: false in vitest.config.ts), and this runs
// before each one: whatever fetch stub or spy the previous file left is undone,
// so every file starts from the runtime's own fetch.
const PRISTINE = Symbol.for("parley.test.fetch");
const store = globalThis as unknown as Record<symbol, typeof fetch | undefined>;
vi.restoreAllMocks();
const offline = (store[PRISTINE] ??= globalThis.fetch);

// Creating a Meta channel asks the Graph API whether the token owns the number;
// the fake answers it, everything else goes where it went before.
globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => ownershipAnswer(input, init) ?? offline(input, init)) as typeof fetch;
