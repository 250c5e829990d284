import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import { contactsKey, type Tag } from "./types";

export const listTags = (signal?: AbortSignal) => api.get<Page<Tag>>("/api/tags", { query: { limit: 200 }, signal });

export const tagsQueryOptions = () => queryOptions({ queryKey: [...contactsKey, "tags"], queryFn: ({ signal }) => listTags(signal) });

export const useTags = () => useQuery(tagsQueryOptions());
