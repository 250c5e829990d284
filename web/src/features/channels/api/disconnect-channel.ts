import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { channelsKey } from "./types";

/** Erases the channel's secrets; its conversations stay. */
export const disconnectChannel = (id: string) => api.delete(`/api/channels/${encodeURIComponent(id)}`);

export function useDisconnectChannel() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: disconnectChannel, onSuccess: () => qc.invalidateQueries({ queryKey: channelsKey }) });
}
