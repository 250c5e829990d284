import { useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { SelectField, TextField } from "../../../components/ui/field";
import { TextAreaField } from "../../../components/ui/textarea-field";
import { isApiError } from "../../../lib/api";
import { useForm } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import type { BotSettings, ProviderName } from "../api/types";
import { useUpdateBotSettings } from "../api/update-bot-settings";
import { AGE_UNITS, fromSeconds, toSeconds, type AgeUnit } from "../durations";

const LABELS = {
  "persona.botName": "Bot name",
  "persona.greeting": "Greeting",
  "persona.tone": "Tone",
  "persona.defaultLanguage": "Default language",
  "provider.name": "Answers written by",
  "provider.model": "Model",
  burstSeconds: "Wait for follow-up messages (seconds)",
  staleMessageSeconds: "Don't answer messages older than",
  "provider.timeoutMs": "Wait for the AI service at most (seconds)",
  lowCreditThreshold: "Low-credit alert below (% of monthly credits)",
};

/** Fields of the Advanced section: it opens when one of them needs attention. */
const ADVANCED = ["burstSeconds", "staleMessageSeconds", "provider.timeoutMs", "lowCreditThreshold"] as const;

const inRange = (n: number, min: number, max: number) => Number.isFinite(n) && n >= min && n <= max;
/** A number typed in a field: "" and "1e3" are not numbers an owner means. */
const numberOf = (s: string) => (/^\s*\d+([.,]\d+)?\s*$/.test(s) ? Number(s.trim().replace(",", ".")) : NaN);
/** Keep at most `digits` decimals, so 0.1 * 100 shows as 10, not 10.000000000000002. */
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

const PROVIDERS: Array<{ value: ProviderName; label: string; help: string }> = [
  { value: "default", label: "Parley's default", help: "Whatever this Parley installation is set up to use. A safe choice." },
  { value: "builtin", label: "Built-in (no AI model)", help: "Quotes the best-matching sentences of your knowledge base word for word. Works offline, never makes anything up, but sounds less natural." },
  { value: "workers-ai", label: "Workers AI", help: "An AI model run by Cloudflare for this installation. Writes natural answers from your knowledge base only." },
  { value: "openai", label: "OpenAI-compatible", help: "The AI service the installation's operator connected (OpenAI, Groq, Gemini, a local Ollama…). Writes natural answers from your knowledge base only." },
];

/** On/off, persona and provider; the credit price of an answer and the models on offer come from the plan. */
/**
 * `part` shows a section of the form in Bot studio: "persona" (on/off, name, tone, language,
 * greeting) or "advanced" (who writes answers, timing, credit alerts). Both save the whole settings.
 */
export function AssistantSettingsCard({ settings, canEdit, part = "all" }: { settings: BotSettings; canEdit: boolean; part?: "all" | "persona" | "advanced" }) {
  const showPersona = part !== "advanced";
  const showAdvanced = part !== "persona";
  const save = useUpdateBotSettings();
  const toggle = useUpdateBotSettings();
  const form = useForm(LABELS);
  const [persona, setPersona] = useState(settings.persona);
  const [provider, setProvider] = useState<ProviderName>(settings.provider.name);
  const [model, setModel] = useState(settings.provider.model ?? "");
  const [burst, setBurst] = useState(String(settings.burstSeconds));
  const [stale, setStale] = useState(() => fromSeconds(settings.staleMessageSeconds));
  const [timeout, setTimeoutSeconds] = useState(String(round(settings.provider.timeoutMs / 1000, 1)));
  const [lowCredit, setLowCredit] = useState(String(round(settings.lowCreditThreshold * 100)));
  const [advancedOpen, setAdvancedOpen] = useState(part === "advanced");
  const providerHelp = PROVIDERS.find((p) => p.value === provider)?.help;

  /** Open the Advanced section before focusing one of its fields (a closed <details> can't take focus). */
  function revealAdvanced(errors: Partial<Record<string, string>>) {
    if (ADVANCED.some((f) => errors[f])) flushSync(() => setAdvancedOpen(true));
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const burstNum = numberOf(burst);
    const staleAmount = numberOf(stale.amount);
    const staleSeconds = toSeconds(staleAmount, stale.unit);
    const timeoutNum = numberOf(timeout);
    const lowCreditNum = numberOf(lowCredit);
    const errors = {
      "persona.botName": persona.botName.trim() ? undefined : "Give the bot a name customers will see",
      burstSeconds: inRange(burstNum, 0, 30) ? undefined : "Use a number of seconds from 0 to 30",
      staleMessageSeconds: !Number.isInteger(staleAmount) || staleAmount < 1 ? "Use a whole number" : inRange(staleSeconds, 60, 7 * 86_400) ? undefined : "Use a time from 1 minute to 7 days",
      "provider.timeoutMs": inRange(timeoutNum, 1, 60) ? undefined : "Use a number of seconds from 1 to 60",
      lowCreditThreshold: inRange(lowCreditNum, 0, 100) ? undefined : "Use a percentage from 0 to 100",
    };
    revealAdvanced(errors);
    if (!form.check(errors)) return;
    save.mutate(
      {
        persona: { ...persona, botName: persona.botName.trim(), greeting: persona.greeting.trim() },
        provider: {
          name: provider,
          ...((provider === "workers-ai" || provider === "openai") && settings.allowedModels[provider].includes(model) ? { model } : {}),
          timeoutMs: Math.round(timeoutNum * 1000),
        },
        burstSeconds: burstNum,
        staleMessageSeconds: staleSeconds,
        lowCreditThreshold: round(lowCreditNum / 100, 4),
      },
      {
        onSuccess: () => toast({ tone: "success", title: "Assistant settings saved" }),
        onError: (err) => {
          if (isApiError(err)) revealAdvanced(err.fieldErrors);
          form.showServerError(err);
        },
      },
    );
  }

  return (
    <Card
      title={part === "persona" ? "Persona" : part === "advanced" ? "Advanced" : "Assistant"}
      description={part === "advanced" ? "Which AI writes the answers, how long the assistant waits, and when you're warned about credits." : "Who customers talk to, and how answers are written."}
    >
      <div className="stack">
        {showPersona && (
        <div className="switch-row">
          <div>
            <p className="cell-strong">{settings.enabled ? "The assistant is answering customers" : "The assistant is switched off"}</p>
            <p className="muted small">{settings.enabled ? "It answers from your knowledge base and hands anything else to your team." : "Messages are still stored and shown in the inbox; your team answers them."}</p>
          </div>
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              data-unsaved-ignore=""
              checked={settings.enabled}
              disabled={!canEdit || toggle.isPending}
              onChange={(e) =>
                toggle.mutate({ enabled: e.target.checked }, { onSuccess: (s) => toast({ tone: "success", title: s.enabled ? "Assistant switched on" : "Assistant switched off" }) })
              }
            />
            <span className="switch-track" aria-hidden="true" />
            <span className="visually-hidden">Assistant answers customers</span>
          </label>
        </div>
        )}
        <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Assistant settings">
          {form.formError && <Alert>{form.formError}</Alert>}
          <fieldset className="fieldset" disabled={!canEdit}>
            {showPersona && (
              <>
            <div className="form-grid">
              <TextField
                label={LABELS["persona.botName"]}
                name="persona.botName"
                maxLength={60}
                value={persona.botName}
                onChange={(e) => setPersona({ ...persona, botName: e.target.value })}
                error={form.errors["persona.botName"]}
              />
              <SelectField
                label={LABELS["persona.tone"]}
                name="persona.tone"
                value={persona.tone}
                onChange={(e) => setPersona({ ...persona, tone: e.target.value as BotSettings["persona"]["tone"] })}
                options={[
                  { value: "friendly", label: "Friendly" },
                  { value: "professional", label: "Professional" },
                  { value: "concise", label: "Concise" },
                ]}
                error={form.errors["persona.tone"]}
              />
              <SelectField
                label={LABELS["persona.defaultLanguage"]}
                name="persona.defaultLanguage"
                value={persona.defaultLanguage}
                onChange={(e) => setPersona({ ...persona, defaultLanguage: e.target.value as "en" | "id" })}
                options={[
                  { value: "en", label: "English" },
                  { value: "id", label: "Indonesian (Bahasa Indonesia)" },
                ]}
                hint="Used when a customer's language isn't clear."
                error={form.errors["persona.defaultLanguage"]}
              />
              <div className="field">
                <p className="cell-strong">Credits per answer</p>
                <p className="muted small">
                  {settings.creditCostPerAnswer} {settings.creditCostPerAnswer === 1 ? "credit" : "credits"} from your balance for each answer, set by your plan. Greetings are free.
                </p>
              </div>
            </div>
            <TextAreaField
              label={LABELS["persona.greeting"]}
              name="persona.greeting"
              optional
              rows={2}
              maxLength={500}
              placeholder="e.g. Hi! I'm the Parley Assistant. How can I help?"
              value={persona.greeting}
              onChange={(e) => setPersona({ ...persona, greeting: e.target.value })}
              hint="Sent when a customer just says hello."
              error={form.errors["persona.greeting"]}
            />
              </>
            )}
            {showAdvanced && (
              <>
            <div className="form-grid">
              <SelectField
                label={LABELS["provider.name"]}
                name="provider.name"
                value={provider}
                onChange={(e) => setProvider(e.target.value as ProviderName)}
                options={PROVIDERS.map(({ value, label }) => ({ value, label }))}
                hint={providerHelp}
                error={form.errors["provider.name"]}
              />
              {(provider === "workers-ai" || provider === "openai") && (
                <SelectField
                  label={LABELS["provider.model"]}
                  name="provider.model"
                  value={settings.allowedModels[provider].includes(model) ? model : ""}
                  onChange={(e) => setModel(e.target.value)}
                  options={[{ value: "", label: "The installation's default model" }, ...settings.allowedModels[provider].map((m) => ({ value: m, label: m }))]}
                  hint="The models your plan includes. If the service fails, the built-in answers take over."
                  error={form.errors["provider.model"]}
                />
              )}
            </div>
            <details className="advanced" open={advancedOpen} onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}>
              <summary>Advanced: timing and credit alerts</summary>
              <div className="form-grid">
                <TextField
                  label={LABELS.burstSeconds}
                  name="burstSeconds"
                  type="number"
                  inputMode="decimal"
                  min={0}
                  max={30}
                  step="any"
                  value={burst}
                  onChange={(e) => {
                    setBurst(e.target.value);
                    form.clearError("burstSeconds");
                  }}
                  hint="Customers often write in several short messages. The assistant waits this long after the last one and answers them together. 0 answers every message at once."
                  error={form.errors.burstSeconds}
                />
                <div className="amount-unit">
                  <TextField
                    label={LABELS.staleMessageSeconds}
                    name="staleMessageSeconds"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    step={1}
                    value={stale.amount}
                    onChange={(e) => {
                      setStale({ ...stale, amount: e.target.value });
                      form.clearError("staleMessageSeconds");
                    }}
                    hint="Messages that reach Parley this late (say, your number was offline) get no automatic answer; your team sees them in the inbox."
                    error={form.errors.staleMessageSeconds}
                  />
                  <SelectField
                    label="Unit"
                    name="staleMessageUnit"
                    value={stale.unit}
                    onChange={(e) => {
                      setStale({ ...stale, unit: e.target.value as AgeUnit });
                      form.clearError("staleMessageSeconds");
                    }}
                    options={AGE_UNITS.map((u) => ({ value: u.value, label: u.label }))}
                  />
                </div>
                <TextField
                  label={LABELS["provider.timeoutMs"]}
                  name="provider.timeoutMs"
                  type="number"
                  inputMode="decimal"
                  min={1}
                  max={60}
                  step="any"
                  value={timeout}
                  onChange={(e) => {
                    setTimeoutSeconds(e.target.value);
                    form.clearError("provider.timeoutMs");
                  }}
                  hint="If the AI service takes longer, the built-in answer from your knowledge base is sent instead, so customers aren't kept waiting."
                  error={form.errors["provider.timeoutMs"]}
                />
                <TextField
                  label={LABELS.lowCreditThreshold}
                  name="lowCreditThreshold"
                  type="number"
                  inputMode="decimal"
                  min={0}
                  max={100}
                  step="any"
                  value={lowCredit}
                  onChange={(e) => {
                    setLowCredit(e.target.value);
                    form.clearError("lowCreditThreshold");
                  }}
                  hint="When your balance drops below this share of your monthly credits, Parley raises a low-credit alert (the credit.low event for your developers). 0 turns it off."
                  error={form.errors.lowCreditThreshold}
                />
              </div>
            </details>
              </>
            )}
          </fieldset>
          {canEdit && (
            <div className="form-actions">
              <Button type="submit" variant="primary" loading={save.isPending}>
                Save assistant settings
              </Button>
            </div>
          )}
        </form>
      </div>
    </Card>
  );
}
