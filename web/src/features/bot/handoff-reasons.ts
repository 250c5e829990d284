/** The reasons the assistant hands a conversation to a person (docs/assistant.md), in plain words. */
const REASONS: Record<string, string> = {
  customer_request: "the customer asked for a person",
  negative_sentiment: "the customer seemed unhappy",
  outside_business_hours: "it's outside business hours",
  no_knowledge: "the knowledge base has no answer",
  low_confidence: "the assistant wasn't sure enough of its answer",
  credits_exhausted: "you have no credits left",
  assistant_error: "the assistant ran into an error",
  qualified: "the lead is qualified",
  no_availability: "there was no free slot to book",
  media: "the customer sent a file or location the assistant can't read",
  hot_lead: "the lead became hot",
  delivery_failed: "the assistant's answer could not be delivered",
};

export const handoffReason = (code: string) => REASONS[code] ?? code.replace(/_/g, " ");
