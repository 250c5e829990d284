import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { ownershipAnswer } from "./helpers/graph-owner";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// Creating a Meta channel asks the Graph API whether the token owns the number;
// the fake answers it, everything else goes where it went before.
const offline = globalThis.fetch;
globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => ownershipAnswer(input, init) ?? offline(input, init)) as typeof fetch;
