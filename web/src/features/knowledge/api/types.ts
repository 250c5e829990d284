// Shapes of the knowledge API: the OpenAPI document's (worker/routes/assistant.ts).
import type { RequestBody, Schema } from "../../../api";

export type KnowledgeEntry = Schema<"KnowledgeEntry">;
export type KnowledgeInput = RequestBody<"/api/knowledge", "post">;

/** Every knowledge query key starts here, so one invalidation refreshes lists and searches. */
export const knowledgeKey = ["knowledge"] as const;
