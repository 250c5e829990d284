import { useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { SelectField, TextField } from "../../../components/ui/field";
import { TextAreaField } from "../../../components/ui/textarea-field";
import { useForm } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import type { BotSettings, ProviderName } from "../api/types";
import { useUpdateBotSettings } from "../api/update-bot-settings";

const LABELS = {
  "persona.botName": "Bot name",
  "persona.greeting": "Greeting",
  "persona.tone": "Tone",
  "persona.defaultLanguage": "Default language",
  "provider.name": "Answers written by",
  "provider.model": "Model",
  creditCostPerAnswer: "Credits per answer",
};

const PROVIDERS: Array<{ value: ProviderName; label: string; help: string }> = [
  { value: "default", label: "Parley's default", help: "Whatever this Parley installation is set up to use. A safe choice." },
  { value: "builtin", label: "Built-in (no AI model)", help: "Quotes the best-matching sentences of your knowledge base word for word. Works offline, never makes anything up, but sounds less natural." },
  { value: "workers-ai", label: "Workers AI", help: "An AI model run by Cloudflare for this installation. Writes natural answers from your knowledge base only." },
  { value: "openai", label: "OpenAI-compatible", help: "The AI service the installation's operator connected (OpenAI, Groq, Gemini, a local Ollama…). Writes natural answers from your knowledge base only." },
];

/** On/off, persona, provider and the credit price of an answer. */
export function AssistantSettingsCard({ settings, canEdit }: { settings: BotSettings; canEdit: boolean }) {
  const save = useUpdateBotSettings();
  const toggle = useUpdateBotSettings();
  const form = useForm(LABELS);
  const [persona, setPersona] = useState(settings.persona);
  const [provider, setProvider] = useState<ProviderName>(settings.provider.name);
  const [model, setModel] = useState(settings.provider.model ?? "");
  const [cost, setCost] = useState(String(settings.creditCostPerAnswer));
  const providerHelp = PROVIDERS.find((p) => p.value === provider)?.help;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const costNum = Number(cost);
    const ok = form.check({
      "persona.botName": persona.botName.trim() ? undefined : "Give the bot a name customers will see",
      creditCostPerAnswer: Number.isInteger(costNum) && costNum >= 0 && costNum <= 100 ? undefined : "Use a whole number from 0 to 100",
    });
    if (!ok) return;
    save.mutate(
      { persona: { ...persona, botName: persona.botName.trim(), greeting: persona.greeting.trim() }, provider: { name: provider, ...(model.trim() ? { model: model.trim() } : {}) }, creditCostPerAnswer: costNum },
      { onSuccess: () => toast({ tone: "success", title: "Assistant settings saved" }), onError: form.showServerError },
    );
  }

  return (
    <Card title="Assistant" description="Who customers talk to, and how answers are written.">
      <div className="stack">
        <div className="switch-row">
          <div>
            <p className="cell-strong">{settings.enabled ? "The assistant is answering customers" : "The assistant is switched off"}</p>
            <p className="muted small">{settings.enabled ? "It answers from your knowledge base and hands anything else to your team." : "Messages are still stored and shown in the inbox; your team answers them."}</p>
          </div>
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
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
        <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Assistant settings">
          {form.formError && <Alert>{form.formError}</Alert>}
          <fieldset className="fieldset" disabled={!canEdit}>
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
              <TextField
                label={LABELS.creditCostPerAnswer}
                name="creditCostPerAnswer"
                type="number"
                inputMode="numeric"
                min={0}
                max={100}
                value={cost}
                onChange={(e) => setCost(e.target.value)}
                hint="Credits taken from your balance for each answer. Greetings are free."
                error={form.errors.creditCostPerAnswer}
              />
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
                <TextField
                  label={LABELS["provider.model"]}
                  name="provider.model"
                  optional
                  maxLength={200}
                  placeholder={provider === "workers-ai" ? "e.g. @cf/meta/llama-3.1-8b-instruct" : "e.g. gpt-4o-mini"}
                  value={model}
                  onChange={(e) => setModel(e.target.value)}
                  hint="Leave empty for the installation's default model. If the service fails, the built-in answers take over."
                  error={form.errors["provider.model"]}
                />
              )}
            </div>
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
