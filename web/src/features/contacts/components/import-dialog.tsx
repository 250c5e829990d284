import { useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { TextField } from "../../../components/ui/field";
import { isApiError } from "../../../lib/api";
import { describeError } from "../../../lib/form";
import { useImport } from "../api/get-import";
import { useImportContacts } from "../api/import-contacts";
import { importErrorsCsvUrl, useImportErrors } from "../api/list-import-errors";
import type { ContactImport } from "../api/types";

function Report({ initial }: { initial: ContactImport }) {
  const live = useImport(initial.id, initial);
  const imp = live.data ?? initial;
  const running = imp.status === "queued" || imp.status === "processing";
  const errors = useImportErrors(imp.id, !running && imp.errorRows > 0);
  const pct = Math.round(imp.progress * 100);
  return (
    <div className="stack">
      <div className="field">
        <span className="field-label" id="import-progress-label">
          {running ? "Importing…" : imp.status === "failed" ? "Import failed" : "Import finished"}
        </span>
        <progress className="progress" max={100} value={pct} aria-labelledby="import-progress-label">
          {pct}%
        </progress>
        <span className="muted small">
          {pct}% · {imp.processedRows} of {imp.contactRows} contacts
        </span>
      </div>
      {imp.error && <Alert>{imp.error}</Alert>}
      {!running && (
        <dl className="kv">
          <dt>Rows in the file</dt>
          <dd>{imp.totalRows}</dd>
          <dt>New contacts</dt>
          <dd>{imp.createdContacts}</dd>
          <dt>Updated contacts</dt>
          <dd>{imp.updatedContacts}</dd>
          <dt>Duplicate rows merged</dt>
          <dd>{imp.duplicateRows}</dd>
          <dt>Rows with problems</dt>
          <dd>{imp.errorRows}</dd>
          {imp.ignoredColumns.length > 0 && (
            <>
              <dt>Ignored columns</dt>
              <dd>{imp.ignoredColumns.join(", ")}</dd>
            </>
          )}
        </dl>
      )}
      {!running && imp.errorRows > 0 && (
        <section className="stack" aria-labelledby="import-errors-title">
          <h3 id="import-errors-title" className="subheading">
            {imp.errorRows} row{imp.errorRows === 1 ? " was" : "s were"} skipped
          </h3>
          {errors.data && (
            <div className="table-wrap">
              <table className="table table-compact">
                <caption className="visually-hidden">Import problems</caption>
                <thead>
                  <tr>
                    <th scope="col">Row</th>
                    <th scope="col">Column</th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {errors.data.data.map((e, i) => (
                    <tr key={`${e.row}-${i}`}>
                      <td data-label="Row">{e.row}</td>
                      <td data-label="Column">{e.column ?? "—"}</td>
                      <td data-label="Problem">{e.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <a className="btn btn-secondary" href={importErrorsCsvUrl(imp.id)} download={`import-errors-${imp.id}.csv`}>
            Download the error report (CSV)
          </a>
        </section>
      )}
    </div>
  );
}

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const importer = useImportContacts();
  const [file, setFile] = useState<File | null>(null);
  const [countryCode, setCountryCode] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return setFileError("Choose a CSV file to import");
    if (countryCode && !/^[1-9]\d{0,2}$/.test(countryCode)) return;
    importer.mutate({ file, countryCode: countryCode || undefined });
  }

  return (
    <Dialog open onClose={onClose} title="Import contacts" size="md" closeOnBackdrop={false} description={importer.data ? undefined : "Upload a CSV file with a header row. A phone column is required; name, email, tags, stage and your custom fields are optional."}>
      {importer.data ? (
        <>
          <Report initial={importer.data} />
          <div className="form-actions form-actions-spaced">
            <Button variant="primary" onClick={onClose}>
              Done
            </Button>
          </div>
        </>
      ) : (
        <form className="form" onSubmit={submit} noValidate aria-label="Import contacts">
          {importer.error ? <Alert>{describeError(importer.error)}</Alert> : null}
          <div className={fileError ? "field field-invalid" : "field"}>
            <label className="field-label" htmlFor="import-file">
              CSV file
            </label>
            <input
              id="import-file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              className="input input-file"
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? "import-file-error" : "import-file-hint"}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setFileError(null);
              }}
            />
            {fileError ? (
              <p id="import-file-error" className="field-error">
                {fileError}
              </p>
            ) : (
              <p id="import-file-hint" className="field-hint">
                Up to 10 MB. Rows with the same phone number are merged.
              </p>
            )}
          </div>
          <TextField
            label="Country calling code"
            name="countryCode"
            optional
            inputMode="numeric"
            placeholder="e.g. 62"
            hint="Turns local numbers like 0812… into international ones."
            value={countryCode}
            error={countryCode && !/^[1-9]\d{0,2}$/.test(countryCode) ? "Use digits only, without +, like 62" : isApiError(importer.error) ? importer.error.fieldErrors.countryCode : undefined}
            onChange={(e) => setCountryCode(e.target.value.trim())}
          />
          <div className="form-actions">
            <Button onClick={onClose} disabled={importer.isPending}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" loading={importer.isPending}>
              Import
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
