import { Spinner } from "../../components/ui/spinner";

/** Shown while the first page's code loads. */
export function BootScreen() {
  return (
    <div className="boot-screen">
      <Spinner label="Loading Parley" />
    </div>
  );
}
