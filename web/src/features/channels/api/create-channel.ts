import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { channelsKey, type Channel, type CreateChannelInput } from "./types";

export const createChannel = (input: CreateChannelInput) => api.post<Channel>("/api/channels", input);

export function useCreateChannel() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createChannel, onSuccess: () => qc.invalidateQueries({ queryKey: channelsKey }) });
}
