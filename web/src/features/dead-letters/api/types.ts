import type { Schema } from "../../../api";
export type DeadLetter = Schema<"DeadLetter">;

export const deadLettersKey = ["dead-letters"] as const;
