import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import { conversationsKey, type Note } from "./types";

export const notesKey = (conversationId: string) => [...conversationsKey, "notes", conversationId] as const;

export const listNotes = (conversationId: string, signal?: AbortSignal) =>
  api.get<Page<Note>>(`/api/conversations/${encodeURIComponent(conversationId)}/notes`, { query: { limit: 100 }, signal });

export const notesQueryOptions = (conversationId: string) => queryOptions({ queryKey: notesKey(conversationId), queryFn: ({ signal }) => listNotes(conversationId, signal) });

export const useNotes = (conversationId: string) => useQuery(notesQueryOptions(conversationId));
