// Free text from outside (a browser's error message or stack) can carry
// anything the page had: links with tokens in their query strings, cookies,
// API keys, people's email addresses and phone numbers. scrubText removes
// what looks like any of these before the text is logged or reported; the
// logger's `redact` only knows secrets by their field names.

const RULES: ReadonlyArray<[RegExp, string]> = [
  // Query strings and fragments of links: they carry tokens, keys and search terms.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#"'`()<>]*)[?#][^\s"'`()<>]*/gi, "$1"],
  [/([^\s?"'`()<>]*)\?[^\s=&"'`()<>]+=[^\s"'`()<>]*/g, "$1?[redacted]"],
  // Paths whose segments are credentials (invitation and reset links, calendar feeds).
  [/(\/(?:invite|reset-password)\/)[^/\s"'`()<>?#]+/gi, "$1[redacted]"],
  [/(\/api\/calendar\/[^/\s"'`()<>]*\.)[^/\s"'`()<>]+(\.ics)/gi, "$1[redacted]$2"],
  // Authorization values, JSON Web Tokens and the API's own keys.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, "$1 [redacted]"],
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, "[redacted]"],
  [/\bprl_[A-Za-z0-9_-]+/g, "[redacted]"],
  // name=value and "name": "value" pairs whose name says secret (cookies included).
  [
    /\b([A-Za-z0-9_-]*(?:pass(?:word)?|secret|token|authorization|cookie|session|api[-_]?key|signature|credential|dsn)[A-Za-z0-9_-]*)("?\s*[=:]\s*"?)[^\s"';,&)]+/gi,
    "$1$2[redacted]",
  ],
  // Email addresses and phone numbers (8 to 15 digits, optionally grouped; not dates).
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, "[email]"],
  [/(?<![\w.:/-])(?!\d{4}[-./]\d\d?[-./]\d\d?(?!\d))\+?\d(?:[ ().-]{0,2}\d){7,14}(?![\w])/g, "[phone]"],
  // Long random-looking strings (session tokens, hashes, keys): 32+ characters with digits and letters.
  [/\b(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{32,}\b/g, "[redacted]"],
];

/** The text with secret-looking values and personal data replaced by placeholders. */
export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
