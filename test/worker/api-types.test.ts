// The dashboard's generated API types (web/src/api/schema.d.ts) match the OpenAPI
// document the worker serves now: a route or schema change without
// `npm run gen:api-types` fails here, and so does a hand edit of the file.
import { describe, expect, it } from "vitest";
import { createApp } from "../../worker/app";
import { apiDocument } from "../../worker/http/openapi-document";
import { staleness } from "../../scripts/api-types.mjs";
import generated from "../../web/src/api/schema.d.ts?raw";
import { request } from "./helpers/api";

describe("web/src/api/schema.d.ts", () => {
  it("was generated from the current OpenAPI document and not edited since", async () => {
    expect(await staleness(generated, apiDocument(createApp()))).toBeNull();
  });

  it("is told apart from a changed document and from a hand edit", async () => {
    const document = apiDocument(createApp());
    const changed = { ...document, paths: { ...document.paths, "/api/added": { get: { responses: { 204: { description: "No content" } } } } } };
    expect(await staleness(generated, changed)).toMatch(/document changed/);
    expect(await staleness(generated.replace("export interface paths", "export interface pathz"), document)).toMatch(/edited by hand/);
  });

  it("describes what /api/openapi.json serves (the same paths and schemas)", async () => {
    const served = (await request("GET", "/api/openapi.json")).json as { paths: object; components: object };
    const document = apiDocument(createApp());
    expect(served.paths).toEqual(document.paths);
    expect(served.components).toEqual(document.components);
  });
});
