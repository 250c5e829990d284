// Every URL the dashboard links to, written once.
export const paths = {
  login: (next?: string) => (next && next !== "/" ? `/login?next=${encodeURIComponent(next)}` : "/login"),
  signup: "/signup",
  invite: (token: string) => `/invite/${encodeURIComponent(token)}`,
  overview: "/",
  team: "/team",
  apiKeys: "/api-keys",
  bot: "/bot",
  channels: "/channels",
  credits: "/credits",
  apiReference: "/api/docs",
  inbox: "/inbox",
  contacts: "/contacts",
  contactFields: "/contacts/fields",
  developers: "/developers",
  campaigns: "/campaigns",
  newCampaign: "/campaigns/new",
  campaign: (id: string) => `/campaigns/${encodeURIComponent(id)}`,
  emails: "/emails",
  account: "/account",
  templates: "/templates",
  forgotPassword: "/forgot-password",
  quickReplies: "/quick-replies",
  auditLog: "/audit-log",
  goodbye: (opts: { workspace?: string; account?: boolean } = {}) => {
    const q = new URLSearchParams();
    if (opts.workspace) q.set("workspace", opts.workspace);
    if (opts.account) q.set("account", "deleted");
    return q.size ? `/goodbye?${q}` : "/goodbye";
  },
} as const;

const PUBLIC_PREFIXES = ["/login", "/signup", "/invite/", "/forgot-password", "/reset-password/", "/goodbye"];

export const isPublicPath = (pathname: string) => PUBLIC_PREFIXES.some((p) => pathname === p || pathname.startsWith(p));

/** Only same-site paths are followed after login, never another origin. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return paths.overview;
  return next;
}
