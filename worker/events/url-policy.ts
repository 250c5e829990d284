// Which subscriber URLs Parley will POST to. In production: HTTPS only, and no
// host that names this machine's neighbourhood (loopback, private, link-local,
// cloud metadata, IPv6 local ranges), so an endpoint cannot be used to probe
// internal services (SSRF). Locally anything goes, so developers can point an
// endpoint at a subscriber on their own machine.
//
// Hostnames are judged by name only: Workers cannot resolve DNS, and its fetch
// cannot reach private networks anyway, so a public name that resolves to a
// private address fails at connect time instead of here.
import type { Config } from "../env";

export const MAX_URL_LENGTH = 2048;

const LOCAL_SUFFIXES = [".localhost", ".local", ".internal", ".localdomain", ".home.arpa", ".lan", ".intranet"];

/** [first address as a 32-bit number, prefix length] */
const BLOCKED_V4: Array<[string, number]> = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, including 169.254.169.254 (cloud metadata)
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and 255.255.255.255
];

function v4ToNumber(ip: string): number | null {
  const parts = ip.split(".");
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

function blockedV4(n: number): boolean {
  return BLOCKED_V4.some(([base, bits]) => {
    const size = 2 ** (32 - bits);
    const start = v4ToNumber(base)!;
    return n >= start && n < start + size;
  });
}

/** The 16 bytes of an IPv6 address (without brackets), or null if it is not one. */
function parseV6(ip: string): number[] | null {
  // A dotted IPv4 tail (::ffff:1.2.3.4) becomes its two hex groups.
  let text = ip;
  const lastColon = text.lastIndexOf(":");
  const last = text.slice(lastColon + 1);
  if (last.includes(".")) {
    const n = v4ToNumber(last);
    if (n === null) return null;
    text = `${text.slice(0, lastColon + 1)}${((n >>> 16) & 0xffff).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const words = (s: string) => (s === "" ? [] : s.split(":"));
  const head = words(halves[0]!);
  const rest = halves.length === 2 ? words(halves[1]!) : [];
  const given = head.length + rest.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return null;
  const fill = halves.length === 2 ? new Array<string>(8 - given).fill("0") : [];
  const bytes: number[] = [];
  for (const w of [...head, ...fill, ...rest]) {
    if (!/^[0-9a-f]{1,4}$/i.test(w)) return null;
    const g = parseInt(w, 16);
    bytes.push(g >> 8, g & 0xff);
  }
  return bytes;
}

const v4At = (b: number[], i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;

function blockedV6(b: number[]): boolean {
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 16)) return true; // ::
  if (zeros(0, 15) && b[15] === 1) return true; // ::1
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return blockedV4(v4At(b, 12)); // ::ffff:a.b.c.d
  if (zeros(0, 12)) return true; // IPv4-compatible (deprecated)
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) {
    // NAT64: the well-known prefix carries an IPv4 address; the local-use one is private.
    return zeros(4, 12) ? blockedV4(v4At(b, 12)) : true;
  }
  if (b[0] === 0x01 && zeros(1, 8)) return true; // 100::/64 discard
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return true; // documentation
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0 && b[3] === 0) return true; // Teredo hides an IPv4 address
  if (b[0] === 0x20 && b[1] === 0x02) return blockedV4(v4At(b, 2)); // 6to4
  if ((b[0]! & 0xfe) === 0xfc) return true; // unique local fc00::/7
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) return true; // link-local fe80::/10
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0xc0) return true; // site-local fec0::/10
  if (b[0] === 0xff) return true; // multicast
  return false;
}

/** Whether a URL's hostname names a loopback, private, link-local, metadata or otherwise internal host. */
export function isInternalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host.startsWith("[")) {
    const bytes = parseV6(host.slice(1, -1).replace(/%.*$/, ""));
    return bytes === null || blockedV6(bytes);
  }
  const v4 = v4ToNumber(host);
  if (v4 !== null) return blockedV4(v4);
  // A name without a dot is an intranet name (localhost, metadata, instance-data…).
  if (!host.includes(".")) return true;
  return LOCAL_SUFFIXES.some((s) => host.endsWith(s));
}

/** Why `raw` cannot be a subscriber URL under this configuration, or null when it can. */
export function endpointUrlProblem(config: Pick<Config, "ENVIRONMENT">, raw: string): string | null {
  if (raw.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be an absolute URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must be an http(s) URL";
  if (config.ENVIRONMENT !== "production") return null;
  if (url.protocol !== "https:") return "must use https";
  if (isInternalHost(url.hostname)) return "must not point at a loopback, private, link-local, metadata or internal address";
  return null;
}
