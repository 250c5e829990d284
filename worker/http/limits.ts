/** Largest request body accepted by the API and the webhooks. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Routes that accept files, with their own limit (exact method and path). */
export const LARGE_BODY_ROUTES: ReadonlyArray<{ method: string; path: string; maxBytes: number }> = [
  // CSV contact imports: 10 MiB is about 100,000 rows.
  { method: "POST", path: "/api/contacts/imports", maxBytes: 10 * 1024 * 1024 },
  // Media uploads: the 16 MiB file limit plus room for the multipart envelope.
  { method: "POST", path: "/api/media", maxBytes: 16 * 1024 * 1024 + 64 * 1024 },
];
