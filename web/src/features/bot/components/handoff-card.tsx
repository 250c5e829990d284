import { useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { TextField } from "../../../components/ui/field";
import { useForm } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import type { BotSettings } from "../api/types";
import { useUpdateBotSettings } from "../api/update-bot-settings";

const LABELS = {
  "handoff.negativeMessages": "Unhappy messages in a row",
  "handoff.extraHumanPhrases": "Extra phrases that ask for a person",
  "optOut.stopWords": "Opt-out words",
  "optOut.startWords": "Opt-in words",
};

const toList = (s: string) =>
  s
    .split(",")
    .map((w) => w.trim())
    .filter(Boolean);

/** When the bot hands over to a person, and the words that stop and restart automated messages. */
export function HandoffCard({ settings, canEdit }: { settings: BotSettings; canEdit: boolean }) {
  const save = useUpdateBotSettings();
  const form = useForm(LABELS);
  const [onHuman, setOnHuman] = useState(settings.handoff.onHumanRequest);
  const [onNoKnowledge, setOnNoKnowledge] = useState(settings.handoff.onNoKnowledge);
  const [negative, setNegative] = useState(String(settings.handoff.negativeMessages));
  const [phrases, setPhrases] = useState(settings.handoff.extraHumanPhrases.join(", "));
  const [stop, setStop] = useState(settings.optOut.stopWords.join(", "));
  const [start, setStart] = useState(settings.optOut.startWords.join(", "));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const n = Number(negative);
    const short = (list: string[], min: number) => list.some((w) => w.length < min);
    const ok = form.check({
      "handoff.negativeMessages": Number.isInteger(n) && n >= 1 && n <= 10 ? undefined : "Use a whole number from 1 to 10",
      "handoff.extraHumanPhrases": short(toList(phrases), 2) ? "Each phrase needs at least 2 characters" : undefined,
      "optOut.stopWords": short(toList(stop), 2) ? "Each word needs at least 2 characters" : undefined,
      "optOut.startWords": short(toList(start), 2) ? "Each word needs at least 2 characters" : undefined,
    });
    if (!ok) return;
    save.mutate(
      {
        handoff: { onHumanRequest: onHuman, onNoKnowledge, negativeMessages: n, extraHumanPhrases: toList(phrases) },
        optOut: { stopWords: toList(stop), startWords: toList(start) },
      },
      { onSuccess: () => toast({ tone: "success", title: "Handoff rules saved" }), onError: form.showServerError },
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
