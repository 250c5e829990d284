import { useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { SelectField, TextField } from "../../../components/ui/field";
import { useForm } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useMembers } from "../../team/api/list-members";
import type { BotSettings, ScoreComponent, ScoringSettings } from "../api/types";
import { useUpdateBotSettings } from "../api/update-bot-settings";

const COMPONENTS: { key: ScoreComponent; label: string; hint: string }[] = [
  { key: "qualification", label: "Qualification answers", hint: "Points from the flow's answers" },
  { key: "engagement", label: "Engagement", hint: "How often, how recently and how fast they write" },
  { key: "intent", label: "Buying signals", hint: "Asking the price, to view, availability, when" },
  { key: "sentiment", label: "Sentiment", hint: "How positive their messages are" },
  { key: "booking", label: "Booking", hint: "A confirmed booking" },
  { key: "basicInfo", label: "Basic info", hint: "Name, email, custom fields known" },
  { key: "documents", label: "Documents", hint: "Documents and photos sent" },
];

const PRESETS = [
  { value: "default", label: "Default — answers, behaviour and buying signals" },
  { value: "my21staff", label: "my21staff — basic info 25, qualification 33, documents 30, engagement 10" },
  { value: "custom", label: "Custom weights" },
];

const LABELS: Record<string, string> = {
  "scoring.bands.warm": "Warm from",
  "scoring.bands.hot": "Hot from",
  "scoring.assignTo": "Assign hot leads to",
  "scoring.weights": "Weights",
  ...Object.fromEntries(COMPONENTS.map((c) => [`scoring.weights.${c.key}`, c.label])),
};

const whole = (s: string, min: number, max: number) => (/^\d+$/.test(s.trim()) && Number(s) >= min && Number(s) <= max ? undefined : `Use a whole number from ${min} to ${max}`);

/** How leads are scored and ranked: the weights, the hot and warm thresholds, and what a hot lead triggers. */
export function LeadScoringCard({ settings, canEdit }: { settings: BotSettings; canEdit: boolean }) {
  const save = useUpdateBotSettings();
  const members = useMembers();
  const form = useForm(LABELS);
  const s = settings.scoring;
  const [preset, setPreset] = useState<ScoringSettings["preset"]>(s.preset);
  const [weights, setWeights] = useState<Record<ScoreComponent, string>>(Object.fromEntries(COMPONENTS.map((c) => [c.key, String(s.weights[c.key])])) as Record<ScoreComponent, string>);
  const [warm, setWarm] = useState(String(s.bands.warm));
  const [hot, setHot] = useState(String(s.bands.hot));
  const [onHot, setOnHot] = useState<ScoringSettings["onHot"]>(s.onHot);
  const [assignTo, setAssignTo] = useState(s.assignTo ?? "");
  const [sentiment, setSentiment] = useState<ScoringSettings["sentiment"]>(s.sentiment);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const weightErrors = preset === "custom" ? Object.fromEntries(COMPONENTS.map((c) => [`scoring.weights.${c.key}`, whole(weights[c.key], 0, 100)])) : {};
    const allZero = preset === "custom" && COMPONENTS.every((c) => Number(weights[c.key]) === 0);
    const ok = form.check({
      ...weightErrors,
      "scoring.weights": allZero ? "Give at least one part a weight above 0" : undefined,
      "scoring.bands.warm": whole(warm, 1, 99) ?? (Number(warm) >= Number(hot) ? "Must be below the hot threshold" : undefined),
      "scoring.bands.hot": whole(hot, 2, 100),
      "scoring.assignTo": onHot === "assign" && !assignTo ? "Pick who gets hot leads" : undefined,
    });
    if (!ok) return;
    save.mutate(
      {
        scoring: {
          preset,
          ...(preset === "custom" ? { weights: Object.fromEntries(COMPONENTS.map((c) => [c.key, Number(weights[c.key])])) as Record<ScoreComponent, number> } : {}),
          bands: { warm: Number(warm), hot: Number(hot) },
          onHot,
          assignTo: onHot === "assign" ? assignTo : null,
          sentiment,
        },
      },
      { onSuccess: () => toast({ tone: "success", title: "Lead scoring saved" }), onError: (err) => form.showServerError(err) },
    );
  }

  const memberOptions = [{ value: "", label: members.isPending ? "Loading your team…" : "Choose a team member" }, ...(members.data?.data ?? []).map((m) => ({ value: m.userId, label: m.name ?? m.email }))];

  return (
    <Card title="Lead scoring" description="Every contact gets a score from 0 to 100 that updates with each message and falls when they go quiet. Hot and warm leads are marked in the inbox.">
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Lead scoring">
        {form.formError && <Alert>{form.formError}</Alert>}
        <fieldset className="fieldset" disabled={!canEdit}>
          <SelectField label="Weighting" name="scoring.preset" value={preset} onChange={(e) => setPreset(e.target.value as ScoringSettings["preset"])} options={PRESETS} />
          {preset === "custom" && (
            <fieldset className="fieldset">
              <legend className="subheading">How much each part counts</legend>
              {form.errors["scoring.weights"] && <Alert>{form.errors["scoring.weights"]}</Alert>}
              <p className="muted small">Weights are relative: they are scaled so that the parts add up to 100.</p>
              <div className="form-grid">
                {COMPONENTS.map((c) => (
                  <TextField
                    key={c.key}
                    label={c.label}
                    name={`scoring.weights.${c.key}`}
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={100}
                    value={weights[c.key]}
                    onChange={(e) => setWeights((w) => ({ ...w, [c.key]: e.target.value }))}
                    hint={c.hint}
                    error={form.errors[`scoring.weights.${c.key}`]}
                  />
                ))}
              </div>
            </fieldset>
          )}
          <div className="form-grid">
            <TextField label={LABELS["scoring.bands.warm"]!} name="scoring.bands.warm" type="number" inputMode="numeric" min={1} max={99} value={warm} onChange={(e) => setWarm(e.target.value)} hint="Score at which a lead is warm." error={form.errors["scoring.bands.warm"]} />
            <TextField label={LABELS["scoring.bands.hot"]!} name="scoring.bands.hot" type="number" inputMode="numeric" min={2} max={100} value={hot} onChange={(e) => setHot(e.target.value)} hint="Score at which a lead is hot." error={form.errors["scoring.bands.hot"]} />
            <SelectField
              label="When a lead becomes hot"
              name="scoring.onHot"
              value={onHot}
              onChange={(e) => setOnHot(e.target.value as ScoringSettings["onHot"])}
              options={[
                { value: "none", label: "Only mark it in the inbox" },
                { value: "handoff", label: "Hand the conversation to your team" },
                { value: "assign", label: "Assign the conversation to someone" },
              ]}
            />
            {onHot === "assign" && (
              <SelectField label={LABELS["scoring.assignTo"]!} name="scoring.assignTo" value={assignTo} onChange={(e) => setAssignTo(e.target.value)} options={memberOptions} error={form.errors["scoring.assignTo"]} hint="Only conversations nobody has taken yet." />
            )}
            <SelectField
              label="Reading the mood of messages"
              name="scoring.sentiment"
              value={sentiment}
              onChange={(e) => setSentiment(e.target.value as ScoringSettings["sentiment"])}
              options={[
                { value: "lexicon", label: "Built-in (English and Indonesian)" },
                { value: "workers-ai", label: "Workers AI classifier (built-in if it fails)" },
              ]}
            />
          </div>
        </fieldset>
        {canEdit && (
          <div className="form-actions">
            <Button type="submit" variant="primary" loading={save.isPending}>
              Save lead scoring
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}
