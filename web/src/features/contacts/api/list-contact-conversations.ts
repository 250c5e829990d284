import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import type { Conversation } from "../../conversations/api/types";

/** The conversations list has no contact filter; the contact's own export lists them. */
export const getContactExport = (id: string, signal?: AbortSignal) =>
  api.get<{ conversations?: Conversation[] } & Record<string, unknown>>(`/api/contacts/${encodeURIComponent(id)}/export`, { signal });

export const contactConversationsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ["contacts", "conversations", id],
    queryFn: async ({ signal }): Promise<Page<Conversation>> => ({ data: (await getContactExport(id, signal)).conversations ?? [], nextCursor: null }),
  });

export const useContactConversations = (id: string) => useQuery(contactConversationsQueryOptions(id));
