// The dashboard's initial JavaScript (the scripts and module preloads in
// web/dist/index.html: what a first visit downloads before any page's own
// chunk) stays within 250 KB gzipped. Pages are lazily loaded chunks and do
// not count. Reads the build `npm run build:web` made; needs no browser.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { root } from "./helpers.mjs";

const BUDGET_BYTES = 250 * 1000;
const DIST = join(root, "web", "dist");

test("the initial JavaScript is within 250 KB gzipped", () => {
  const indexPath = join(DIST, "index.html");
  assert.ok(existsSync(indexPath), "web/dist/index.html is missing: run `npm run build:web` first");
  const html = readFileSync(indexPath, "utf8");
  const files = [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]))];
  assert.ok(files.length > 0, "index.html loads no script");
  const sizes = files.map((f) => [f, gzipSync(readFileSync(join(DIST, f)), { level: 9 }).length]);
  const total = sizes.reduce((sum, [, n]) => sum + n, 0);
  assert.ok(total <= BUDGET_BYTES, `initial JS is ${total} bytes gzipped (budget ${BUDGET_BYTES}): ${sizes.map(([f, n]) => `${f} ${n}`).join(", ")}`);
});
