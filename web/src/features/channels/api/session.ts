import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { channelsKey } from "./types";
import type { Schema } from "../../../api";

export type SessionState = "STOPPED" | "STARTING" | "SCAN_QR_CODE" | "WORKING" | "FAILED";

/** A WAHA channel's WhatsApp session, as WAHA reports it (mirrors worker/routes/channels.ts). */
export type WahaSession = Schema<"WahaSession">;

const sessionKey = (id: string) => [...channelsKey, "session", id] as const;
const path = (id: string) => `/api/channels/${encodeURIComponent(id)}/session`;

/** Polled every 3 s while shown, so a scan or a failure appears without reloading. */
export const useWahaSession = (id: string) =>
  useQuery({ queryKey: sessionKey(id), queryFn: ({ signal }) => api.get<WahaSession>(path(id), { signal }), refetchInterval: 3000 });

/** The QR code to scan; WhatsApp rotates it, so it is fetched again every 15 s while waiting. */
export const useWahaSessionQr = (id: string, waiting: boolean) =>
  useQuery({
    queryKey: [...sessionKey(id), "qr"],
    queryFn: ({ signal }) => api.get<{ status: SessionState; qr: { mimeType: string; data: string } | null }>(`${path(id)}/qr`, { signal }),
    enabled: waiting,
    refetchInterval: waiting ? 15_000 : false,
  });

export function useWahaSessionAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (action: "start" | "stop" | "restart") => api.post<WahaSession>(`${path(id)}/${action}`),
    onSuccess: (session) => {
      // A new start shows a new code; an old one must not linger.
      qc.removeQueries({ queryKey: [...sessionKey(id), "qr"] });
      qc.setQueryData(sessionKey(id), session);
      void qc.invalidateQueries({ queryKey: [...channelsKey, "list"] });
    },
  });
}
