// GET /api/docs: a readable reference rendered in the browser from
// /api/openapi.json by a small bundled script. Works offline: nothing is
// loaded from anywhere but this worker, and the CSP allows nothing else.
import { toBase64 } from "../lib/encoding";
import { REFERENCE_SCRIPT } from "./reference-script";
import { REFERENCE_STYLE } from "./reference-style";

export const REFERENCE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference</title>
<style>${REFERENCE_STYLE}</style>
</head>
<body>
<div class="layout">
<nav id="toc" aria-label="Operations"></nav>
<main><div id="content"><p class="muted">Loading the API reference…</p></div><p id="error" role="alert"></p>
<noscript><p>This page renders <a href="openapi.json">openapi.json</a> with JavaScript; the document itself is readable without it.</p></noscript>
</main>
</div>
<script>${REFERENCE_SCRIPT}</script>
</body>
</html>
`;

const sha256 = async (text: string) => `'sha256-${toBase64(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)))}'`;

let csp: Promise<string> | null = null;

/** Only the inline script and style of this page may run; it may fetch only from this origin. */
export function referenceCsp(): Promise<string> {
  csp ??= Promise.all([sha256(REFERENCE_SCRIPT), sha256(REFERENCE_STYLE)]).then(
    ([script, style]) =>
      `default-src 'none'; script-src ${script}; style-src ${style}; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  );
  return csp;
}
