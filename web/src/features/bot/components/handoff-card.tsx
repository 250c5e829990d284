import { useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { TextField } from "../../../components/ui/field";
import { ApiError } from "../../../lib/api";
import { useForm } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import type { BotSettings } from "../api/types";
import { useUpdateBotSettings } from "../api/update-bot-settings";

const LABELS = {
  "handoff.negativeMessages": "Unhappy messages in a row",
  "handoff.minConfidence": "How closely the knowledge must match (%)",
  "handoff.extraHumanPhrases": "Extra phrases that ask for a person",
  "optOut.stopWords": "Opt-out words",
  "optOut.startWords": "Opt-in words",
};

const toList = (s: string) =>
  s
    .split(",")
    .map((w) => w.trim())
    .filter(Boolean);

const LISTS = ["handoff.extraHumanPhrases", "optOut.stopWords", "optOut.startWords"] as const;

/** The server names a list's entry ("optOut.stopWords.2"); show it on the list's field. */
function onListFields(error: unknown, lists: Record<(typeof LISTS)[number], string[]>): unknown {
  if (!(error instanceof ApiError)) return error;
  const fieldErrors: Record<string, string> = {};
  for (const [path, message] of Object.entries(error.fieldErrors)) {
    const list = LISTS.find((l) => path.startsWith(`${l}.`));
    const entry = list ? lists[list][Number(path.slice(list.length + 1))] : undefined;
    const key = list ?? path;
    if (!(key in fieldErrors)) fieldErrors[key] = entry !== undefined ? `“${entry}”: ${message}` : message;
  }
  return new ApiError({ ...error, fieldErrors });
}

/** Plain words for the match level an owner picked. */
function strictness(percent: number): string {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) return "Use a percentage from 0 to 100.";
  if (percent >= 70) return "Strict: the bot answers only when your knowledge clearly covers the question; more questions go to your team.";
  if (percent >= 40) return "Balanced: the bot answers when most of the question is covered by your knowledge. 50% is the default.";
  return "Lenient: the bot also answers when your knowledge only partly matches; fewer questions go to your team, but answers may miss the point.";
}

/** When the bot hands over to a person, and the words that stop and restart automated messages. */
export function HandoffCard({ settings, canEdit }: { settings: BotSettings; canEdit: boolean }) {
  const save = useUpdateBotSettings();
  const form = useForm(LABELS);
  const [onHuman, setOnHuman] = useState(settings.handoff.onHumanRequest);
  const [onNoKnowledge, setOnNoKnowledge] = useState(settings.handoff.onNoKnowledge);
  const [onPhoneReply, setOnPhoneReply] = useState(settings.handoff.onPhoneReply ?? true);
  const [negative, setNegative] = useState(String(settings.handoff.negativeMessages));
  const [confidence, setConfidence] = useState(String(Math.round(settings.handoff.minConfidence * 1000) / 10));
  const [phrases, setPhrases] = useState(settings.handoff.extraHumanPhrases.join(", "));
  const [stop, setStop] = useState(settings.optOut.stopWords.join(", "));
  const [start, setStart] = useState(settings.optOut.startWords.join(", "));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const n = Number(negative);
    const percent = confidence.trim() === "" ? NaN : Number(confidence);
    const lists = { "handoff.extraHumanPhrases": toList(phrases), "optOut.stopWords": toList(stop), "optOut.startWords": toList(start) };
    const listProblem = (list: string[], what: "phrase" | "word", max: number, most: number) => {
      const long = list.find((w) => w.length < 2 || w.length > max);
      if (long !== undefined) return `Each ${what} needs 2 to ${max} characters (“${long}” doesn't fit)`;
      return list.length > most ? `Use at most ${most} ${what}s` : undefined;
    };
    const ok = form.check({
      "handoff.negativeMessages": Number.isInteger(n) && n >= 1 && n <= 10 ? undefined : "Use a whole number from 1 to 10",
      "handoff.minConfidence": Number.isFinite(percent) && percent >= 0 && percent <= 100 ? undefined : "Use a percentage from 0 to 100",
      "handoff.extraHumanPhrases": listProblem(lists["handoff.extraHumanPhrases"], "phrase", 60, 50),
      "optOut.stopWords": listProblem(lists["optOut.stopWords"], "word", 30, 30),
      "optOut.startWords": listProblem(lists["optOut.startWords"], "word", 30, 30),
    });
    if (!ok) return;
    save.mutate(
      {
        handoff: {
          onHumanRequest: onHuman,
          onNoKnowledge,
          onPhoneReply,
          negativeMessages: n,
          minConfidence: Math.round(percent * 100) / 10_000,
          extraHumanPhrases: lists["handoff.extraHumanPhrases"],
        },
        optOut: { stopWords: lists["optOut.stopWords"], startWords: lists["optOut.startWords"] },
      },
      { onSuccess: () => toast({ tone: "success", title: "Handoff rules saved" }), onError: (err) => form.showServerError(onListFields(err, lists)) },
    );
  }

  return (
    <Card title="Handoff and opt-out" description="When the bot steps aside for your team, and how customers stop automated messages.">
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Handoff and opt-out">
        {form.formError && <Alert>{form.formError}</Alert>}
        <fieldset className="fieldset" disabled={!canEdit}>
          <label className="checkbox-row">
            <input type="checkbox" checked={onHuman} onChange={(e) => setOnHuman(e.target.checked)} />
            <span>Hand over when a customer asks for a person (“agent”, “human”, “CS”…)</span>
          </label>
          <label className="checkbox-row">
            <input type="checkbox" checked={onNoKnowledge} onChange={(e) => setOnNoKnowledge(e.target.checked)} />
            <span>Hand over when the knowledge base has no answer</span>
          </label>
          <label className="checkbox-row">
            <input type="checkbox" checked={onPhoneReply} onChange={(e) => setOnPhoneReply(e.target.checked)} />
            <span>Stop the bot in a chat when someone replies from the business's WhatsApp phone (untick to keep the bot answering)</span>
          </label>
          <div className="form-grid">
            <TextField
              label={LABELS["handoff.negativeMessages"]}
              name="handoff.negativeMessages"
              type="number"
              inputMode="numeric"
              min={1}
              max={10}
              value={negative}
              onChange={(e) => setNegative(e.target.value)}
              hint="After this many unhappy messages in a row, your team takes over."
              error={form.errors["handoff.negativeMessages"]}
            />
            <TextField
              label={LABELS["handoff.minConfidence"]}
              name="handoff.minConfidence"
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              step="any"
              value={confidence}
              onChange={(e) => {
                setConfidence(e.target.value);
                form.clearError("handoff.minConfidence");
              }}
              hint={
                <>
                  Before answering, the bot checks how much of the question your knowledge base covers. {strictness(confidence.trim() === "" ? NaN : Number(confidence))}
                </>
              }
              error={form.errors["handoff.minConfidence"]}
            />
            <TextField
              label={LABELS["handoff.extraHumanPhrases"]}
              name="handoff.extraHumanPhrases"
              optional
              placeholder="e.g. talk to the owner, call me"
              value={phrases}
              onChange={(e) => setPhrases(e.target.value)}
              hint="Separate phrases with commas."
              error={form.errors["handoff.extraHumanPhrases"]}
            />
            <TextField
              label={LABELS["optOut.stopWords"]}
              name="optOut.stopWords"
              value={stop}
              onChange={(e) => setStop(e.target.value)}
              hint="A message that is exactly one of these stops all automated messages to that customer."
              error={form.errors["optOut.stopWords"]}
            />
            <TextField
              label={LABELS["optOut.startWords"]}
              name="optOut.startWords"
              value={start}
              onChange={(e) => setStart(e.target.value)}
              hint="A message that is exactly one of these turns them back on."
              error={form.errors["optOut.startWords"]}
            />
          </div>
        </fieldset>
        {canEdit && (
          <div className="form-actions">
            <Button type="submit" variant="primary" loading={save.isPending}>
              Save handoff rules
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}
