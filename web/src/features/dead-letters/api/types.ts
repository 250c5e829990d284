export interface DeadLetter {
  id: string;
  queue: string;
  messageId: string;
  payload: unknown;
  error: string | null;
  attempts: number;
  createdAt: string;
  replayedAt: string | null;
}

export const deadLettersKey = ["dead-letters"] as const;
