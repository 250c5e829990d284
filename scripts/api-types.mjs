// Turns the OpenAPI document into web/src/api/schema.d.ts with openapi-typescript.
// The file's header carries the SHA-256 of the document it was made from and of its
// own body, so a test inside workerd (test/worker/api-types.test.ts) can tell, without
// openapi-typescript, that the committed file is stale or was edited by hand.
export const API_TYPES_PATH = "web/src/api/schema.d.ts";

const FINGERPRINT = /^\/\/ document sha256 ([0-9a-f]{64}), types sha256 ([0-9a-f]{64})\n/m;

async function sha256(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The SHA-256 the header records for a document. */
export function documentHash(document) {
  return sha256(JSON.stringify(document));
}

/** @param {object} document an OpenAPI 3.1 document @returns {Promise<string>} the file's text */
export async function renderApiTypes(document) {
  const { default: openapiTS, astToString } = await import("openapi-typescript");
  const body = astToString(await openapiTS(structuredClone(document), { alphabetize: true }));
  return (
    "// Generated from the worker's OpenAPI document by `npm run gen:api-types`; do not edit.\n" +
    "// The dashboard's request and response types are aliases of these (see web/src/api/index.ts).\n" +
    `// document sha256 ${await documentHash(document)}, types sha256 ${await sha256(body)}\n\n` +
    body
  );
}

/**
 * What is wrong with a generated file given the current document: null when it is
 * current, otherwise the reason.
 */
export async function staleness(text, document) {
  const match = FINGERPRINT.exec(text);
  if (!match) return "it has no fingerprint header";
  const body = text.slice(text.indexOf("\n\n", match.index) + 2);
  if ((await sha256(body)) !== match[2]) return "it was edited by hand";
  if ((await documentHash(document)) !== match[1]) return "the OpenAPI document changed since it was generated";
  return null;
}
