// The Graph API's answer to "can this token use this phone number ID?"
// (GET /{phone-number-id}?fields=…), which Parley asks before storing a Meta
// channel. Like the local fake Graph of `npm start`: the first token to ask
// about a number owns it; any other token gets Graph's error 100. Installed
// under every test (setup.ts); test files that stub fetch themselves answer it
// first through `ownershipAnswer`.
const owners = new Map<string, string>();
const LOOKUP = /^http:\/\/127\.0\.0\.1:9\/v\d+\.\d+\/(\d+)\?fields=/;

/** Meta's details for a number, as the fake answers them to its owner. */
export const fakeNumberDetails = (phoneNumberId: string) => ({
  id: phoneNumberId,
  display_phone_number: `+1 555-${phoneNumberId.slice(-7, -4)}-${phoneNumberId.slice(-4)}`,
  verified_name: "Test Business",
});

/** Let `accessToken` own `phoneNumberId` before anyone asks (or hand it to another token). */
export const ownNumber = (phoneNumberId: string, accessToken: string) => owners.set(phoneNumberId, accessToken);

export function ownershipAnswer(input: RequestInfo | URL, init?: RequestInit): Response | null {
  const url = String(input instanceof Request ? input.url : input);
  const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
  const m = LOOKUP.exec(url);
  if (!m || method !== "GET") return null;
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  const token = (headers.get("authorization") ?? "").replace(/^Bearer\s+/i, "");
  const id = m[1]!;
  if (!owners.has(id)) owners.set(id, token);
  if (owners.get(id) !== token) {
    return Response.json(
      {
        error: {
          message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
          type: "GraphMethodException",
          code: 100,
          error_subcode: 33,
          fbtrace_id: "test",
        },
      },
      { status: 400 },
    );
  }
  return Response.json(fakeNumberDetails(id));
}
