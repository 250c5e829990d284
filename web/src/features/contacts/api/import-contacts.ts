import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError, NetworkError } from "../../../lib/api";
import { contactsKey, type ContactImport } from "./types";

/**
 * The CSV file is the request body (not JSON), so this one call uses fetch
 * directly and turns failures into the same errors as the shared client.
 */
export async function importContacts(input: { file: File; countryCode?: string }): Promise<ContactImport> {
  const params = new URLSearchParams({ fileName: input.file.name.slice(0, 200) });
  if (input.countryCode) params.set("countryCode", input.countryCode);
  let res: Response;
  try {
    res = await fetch(`/api/contacts/imports?${params}`, {
      method: "POST",
      headers: { "content-type": "text/csv", accept: "application/json, application/problem+json" },
      credentials: "include",
      body: input.file,
    });
  } catch (err) {
    throw new NetworkError(err);
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok) {
    const str = (v: unknown) => (typeof v === "string" ? v : "");
    const errors = Array.isArray(body?.errors) ? (body.errors as Array<{ path?: string; message?: string }>) : [];
    throw new ApiError({
      status: res.status,
      code: str(body?.code) || `http_${res.status}`,
      title: str(body?.title) || res.statusText,
      detail: str(body?.detail) || str(body?.title) || `The server answered ${res.status}`,
      requestId: str(body?.requestId) || res.headers.get("x-request-id"),
      fieldErrors: Object.fromEntries(errors.filter((e) => e.path && e.message).map((e) => [e.path!, e.message!])),
    });
  }
  return body as unknown as ContactImport;
}

export function useImportContacts() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: importContacts, onSuccess: () => qc.invalidateQueries({ queryKey: contactsKey }) });
}
