import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { channelsKey, type Channel, type UpdateChannelInput } from "./types";

export const updateChannel = ({ id, ...input }: UpdateChannelInput & { id: string }) => api.patch<Channel>(`/api/channels/${encodeURIComponent(id)}`, input);

export function useUpdateChannel() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateChannel, onSuccess: () => qc.invalidateQueries({ queryKey: channelsKey }) });
}
