// WhatsApp's text formatting — *bold*, _italic_, ~strike~, ```monospace``` and
// `inline code` — rendered as React elements. The customer's text only ever
// becomes text nodes: nothing is parsed as HTML.
import type { ReactNode } from "react";

// A marker opens after a line start, space or punctuation and closes before one,
// with no space just inside it (WhatsApp's rule), so "2*3*4" and snake_case stay as typed.
const PATTERN =
  /```([\s\S]+?)```|(?<![\p{L}\p{N}*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\p{L}\p{N}*])|(?<![\p{L}\p{N}_])_(?!\s)([^_\n]+?)(?<!\s)_(?![\p{L}\p{N}_])|(?<![\p{L}\p{N}~])~(?!\s)([^~\n]+?)(?<!\s)~(?![\p{L}\p{N}~])|`([^`\n]+)`/gu;

export function formatWhatsApp(text: string, depth = 0): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let key = 0;
  for (const m of text.matchAll(PATTERN)) {
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    const [, mono, bold, italic, strike, code] = m;
    // Styles nest (a bold word inside italics); monospace is taken literally.
    const inner = (s: string) => (depth < 3 ? formatWhatsApp(s, depth + 1) : [s]);
    if (mono !== undefined) out.push(<code key={key++} className="wa-mono">{mono}</code>);
    else if (bold !== undefined) out.push(<strong key={key++}>{inner(bold)}</strong>);
    else if (italic !== undefined) out.push(<em key={key++}>{inner(italic)}</em>);
    else if (strike !== undefined) out.push(<s key={key++}>{inner(strike)}</s>);
    else if (code !== undefined) out.push(<code key={key++}>{code}</code>);
    last = at + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
