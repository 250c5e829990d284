// Shapes of the knowledge API, mirroring worker/routes/assistant.ts.
export interface KnowledgeEntry {
  id: string;
  title: string;
  content: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

export interface KnowledgeInput {
  title: string;
  content: string;
  tags?: string[];
}

/** Every knowledge query key starts here, so one invalidation refreshes lists and searches. */
export const knowledgeKey = ["knowledge"] as const;
