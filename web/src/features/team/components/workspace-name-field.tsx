import { TextField } from "../../../components/ui/field";

/** What is wrong with the typed confirmation of a workspace's name, if anything. */
export function workspaceNameProblem(typed: string, expected: string): string | undefined {
  if (!typed) return `Type ${expected} to confirm`;
  return typed === expected ? undefined : `Type the name exactly as shown: ${expected}`;
}

/** The workspace's name, typed exactly to confirm deleting it. */
export function WorkspaceNameField(props: { label: string; expected: string; value: string; onChange: (value: string) => void; error?: string }) {
  return (
    <TextField
      label={props.label}
      name="name"
      hint={
        <>
          Type <strong>{props.expected}</strong> to confirm.
        </>
      }
      autoComplete="off"
      spellCheck={false}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      error={props.error}
      required
    />
  );
}
