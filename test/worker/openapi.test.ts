// The OpenAPI document: 3.1, structurally valid (every $ref resolves, every
// operation answers something, path parameters declared), and complete: every
// route the app registers is in it. Plus the offline reference page.
import { describe, expect, it } from "vitest";
import { createApp } from "../../worker/app";
import { request } from "./helpers/api";

type Json = Record<string, any>;
const METHODS = ["get", "post", "put", "patch", "delete", "head", "options"];

async function document(): Promise<Json> {
  const res = await request("GET", "/api/openapi.json");
  expect(res.status).toBe(200);
  return res.json;
}

function resolvePointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<any>((node, key) => (node == null ? undefined : node[key]), doc);
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, out));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

function operations(doc: Json): Array<{ method: string; path: string; op: Json; item: Json }> {
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method], item })),
  );
}

/** Method + OpenAPI path of every route the app registers (middleware excluded). */
function appRoutes(): string[] {
  const routes = createApp()
    .routes.filter((r) => r.method !== "ALL")
    .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, "{$1}")}`);
  return [...new Set(routes)].sort();
}

describe("GET /api/openapi.json", () => {
  it("is OpenAPI 3.1 with info, paths and components", async () => {
    const doc = await document();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toEqual(expect.any(String));
    expect(doc.info.version).toEqual(expect.any(String));
    expect(Object.keys(doc.paths).length).toBeGreaterThan(20);
    expect(doc.components.schemas.Problem).toBeDefined();
    expect(doc.components.securitySchemes).toMatchObject({ session: expect.any(Object), apiKey: expect.any(Object) });
  });

  it("validates structurally: refs resolve, operations answer, path parameters are declared", async () => {
    const doc = await document();
    const problems: string[] = [];
    for (const ref of new Set(collectRefs(doc))) {
      if (resolvePointer(doc, ref) === undefined) problems.push(`unresolved $ref ${ref}`);
    }
    const operationIds = new Set<string>();
    for (const { method, path, op, item } of operations(doc)) {
      const where = `${method.toUpperCase()} ${path}`;
      const statuses = Object.keys(op.responses ?? {});
      if (statuses.length === 0) problems.push(`${where} has no responses`);
      for (const s of statuses) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(s)) problems.push(`${where} has response key ${s}`);
        if (typeof op.responses[s].description !== "string") problems.push(`${where} ${s} has no description`);
      }
      const declared = [...(item.parameters ?? []), ...(op.parameters ?? [])]
        .map((p: Json) => (p.$ref ? resolvePointer(doc, p.$ref) : p) as Json)
        .filter((p) => p.in === "path")
        .map((p) => p.name);
      for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
        if (!declared.includes(name)) problems.push(`${where} does not declare path parameter ${name}`);
      }
      for (const p of op.parameters ?? []) {
        if (!p.$ref && (!p.name || !["path", "query", "header", "cookie"].includes(p.in) || !p.schema)) problems.push(`${where} has a malformed parameter`);
      }
      if (op.operationId) {
        if (operationIds.has(op.operationId)) problems.push(`duplicate operationId ${op.operationId}`);
        operationIds.add(op.operationId);
      }
      for (const name of (op.security ?? doc.security ?? []).flatMap((r: Json) => Object.keys(r))) {
        if (!doc.components.securitySchemes[name]) problems.push(`${where} uses unknown security scheme ${name}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("lists every route the app registers, and nothing it does not", async () => {
    const doc = await document();
    const documented = operations(doc)
      .map(({ method, path }) => `${method} ${path}`)
      .sort();
    const registered = appRoutes();
    expect(registered.filter((r) => !documented.includes(r)), "registered but undocumented").toEqual([]);
    expect(documented.filter((r) => !registered.includes(r)), "documented but not registered").toEqual([]);
  });

  it("documents the error statuses of the inbox routes as problem+json", async () => {
    const doc = await document();
    const inbox = operations(doc).filter(({ path }) => /^\/api\/(conversations|quick-replies|templates|realtime)/.test(path));
    expect(inbox.length).toBeGreaterThanOrEqual(20);
    for (const { method, path, op } of inbox) {
      const where = `${method.toUpperCase()} ${path}`;
      for (const s of ["400", "401", "403", "429"]) expect(op.responses[s], `${where} documents ${s}`).toBeDefined();
      if (path.includes("{id}")) expect(op.responses["404"], `${where} documents 404`).toBeDefined();
      for (const [status, response] of Object.entries<Json>(op.responses)) {
        if (Number(status) >= 400) expect(Object.keys(response.content ?? {}), `${where} ${status}`).toEqual(["application/problem+json"]);
      }
    }
    const reply = doc.paths["/api/conversations/{id}/messages"].post;
    expect(reply.responses["422"].description).toMatch(/24-hour/);
  });
});

describe("GET /api/docs", () => {
  it("serves a self-contained reference page that loads nothing from elsewhere", async () => {
    const res = await request("GET", "/api/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/connect-src 'self'/);
    expect(csp).not.toMatch(/https?:/);
    // No external script, style, font or image: every src/href is relative or an in-page anchor.
    const urls = [...res.text.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]!);
    expect(urls.filter((u) => /^(https?:)?\/\//.test(u))).toEqual([]);
    expect(res.text).not.toMatch(/<script[^>]+src=/);
    expect(res.text).not.toMatch(/<link[^>]+stylesheet/);
    expect(res.text).toContain("openapi.json");
  });

  it("is allowed by its own CSP: the hashes match the inline script and style", async () => {
    const res = await request("GET", "/api/docs");
    const csp = res.headers.get("content-security-policy")!;
    const hash = async (s: string) => {
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(s)));
      return `'sha256-${btoa(String.fromCharCode(...digest))}'`;
    };
    const script = /<script>([\s\S]*?)<\/script>/.exec(res.text)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(res.text)![1]!;
    expect(csp).toContain(`script-src ${await hash(script)}`);
    expect(csp).toContain(`style-src ${await hash(style)}`);
  });
});
