import { useMemo, useRef, useState, type ChangeEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { SelectField } from "../../../components/ui/field";
import { TextAreaField } from "../../../components/ui/textarea-field";
import { isApiError } from "../../../lib/api";
import { describeError } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useImportKnowledge, type ImportFormat } from "../api/import-knowledge";
import { formatOfFile, previewImport } from "../import-preview";

const EXAMPLES: Record<ImportFormat, string> = {
  markdown: "# What are your opening hours?\nMonday to Saturday, 9:00 to 18:00.\n\n# Do you deliver?\nYes, within the city for a flat fee of 15,000 IDR.",
  csv: 'question,answer\nWhat are your opening hours?,"Monday to Saturday, 9:00 to 18:00."\nDo you deliver?,Yes: within the city for a flat fee.',
};

const PREVIEW_ROWS = 20;

/** Import many entries at once from a Markdown or CSV file, or pasted text, after a preview. */
export function ImportKnowledgeDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  if (!open) return null;
  return <ImportForm onClose={onClose} />;
}

function ImportForm({ onClose }: { onClose: () => void }) {
  const [format, setFormat] = useState<ImportFormat>("markdown");
  const [content, setContent] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const importer = useImportKnowledge();
  const preview = useMemo(() => previewImport(format, content), [format, content]);
  const serverError = importer.error && isApiError(importer.error) && importer.error.status < 500 ? importer.error : null;

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    setFileError(null);
    if (file.size > 800_000) {
      setFileError(`${file.name} is too large (${Math.round(file.size / 1024)} KB). Split it into files under 800 KB.`);
      return;
    }
    const guessed = formatOfFile(file.name);
    if (guessed) setFormat(guessed);
    setContent(await file.text());
    setFileName(file.name);
    importer.reset();
  }

  function submit() {
    if (preview.problem || preview.entries.length === 0) return;
    importer.mutate(
      { format, content },
      {
        onSuccess: (res) => {
          toast({ tone: "success", title: `Imported ${res.imported} ${res.imported === 1 ? "entry" : "entries"}`, description: "The assistant can use them right away." });
          onClose();
        },
      },
    );
  }

  const count = preview.entries.length;
  return (
    <Dialog
      open
      onClose={() => !importer.isPending && onClose()}
      title="Import knowledge"
      size="md"
      closeOnBackdrop={false}
      description="Markdown: one entry per heading, the text under it is the answer. CSV: a header row with question,answer and one entry per row."
      footer={
        <>
          <Button onClick={onClose} disabled={importer.isPending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit} loading={importer.isPending} disabled={!!preview.problem || count === 0}>
            {count > 0 && !preview.problem ? `Import ${count} ${count === 1 ? "entry" : "entries"}` : "Import"}
          </Button>
        </>
      }
    >
      <div className="stack">
        <div className="import-source">
          <SelectField
            label="Format"
            name="format"
            value={format}
            onChange={(e) => {
              setFormat(e.target.value as ImportFormat);
              importer.reset();
            }}
            options={[
              { value: "markdown", label: "Markdown (.md)" },
              { value: "csv", label: "CSV (.csv)" },
            ]}
          />
          <div className="field">
            <span className="field-label">File</span>
            <input ref={fileRef} type="file" accept=".md,.markdown,.txt,.csv,text/markdown,text/csv,text/plain" className="visually-hidden" onChange={onFile} tabIndex={-1} aria-hidden="true" />
            <Button onClick={() => fileRef.current?.click()}>Choose a file…</Button>
          </div>
        </div>
        {fileError && <Alert>{fileError}</Alert>}
        <TextAreaField
          label={fileName ? `Content of ${fileName}` : "Or paste the content"}
          name="content"
          rows={8}
          className="input-mono"
          placeholder={EXAMPLES[format]}
          value={content}
          onChange={(e) => {
            setContent(e.target.value);
            setFileName(null);
            importer.reset();
          }}
        />
        {serverError && <Alert title="Nothing was imported">{serverError.fieldErrors.content ? `The content ${serverError.fieldErrors.content}.` : describeError(serverError)}</Alert>}
        {content.trim() && <ImportPreviewView preview={preview} />}
      </div>
    </Dialog>
  );
}

function ImportPreviewView({ preview }: { preview: ReturnType<typeof previewImport> }) {
  const { entries, skipped, problem } = preview;
  return (
    <section className="import-preview" aria-label="Preview">
      {problem ? (
        <Alert title="This can't be imported yet">{problem}</Alert>
      ) : (
        <p className="import-preview-summary" role="status">
          Will create <strong>{entries.length}</strong> {entries.length === 1 ? "entry" : "entries"}
          {skipped.length > 0 && `; ${skipped.length} skipped`}.
        </p>
      )}
      {skipped.length > 0 && (
        <Alert tone="info" title="Skipped">
          <ul className="plain-list">
            {skipped.slice(0, 5).map((s) => (
              <li key={s}>{s}</li>
            ))}
            {skipped.length > 5 && <li>…and {skipped.length - 5} more.</li>}
          </ul>
        </Alert>
      )}
      {entries.length > 0 && (
        <ol className="import-preview-list">
          {entries.slice(0, PREVIEW_ROWS).map((e, i) => (
            <li key={i}>
              <span className="cell-strong">{e.title}</span>
              <span className="muted small import-preview-answer">{e.content}</span>
            </li>
          ))}
          {entries.length > PREVIEW_ROWS && <li className="muted small">…and {entries.length - PREVIEW_ROWS} more.</li>}
        </ol>
      )}
    </section>
  );
}
