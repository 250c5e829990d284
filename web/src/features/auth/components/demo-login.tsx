import { useConfig } from "../api/get-config";
import { Button } from "../../../components/ui/button";

/** On local and preview stacks, the seeded demo account, ready to use. */
export function DemoLogin({ onUse, disabled }: { onUse: (demo: { email: string; password: string }) => void; disabled?: boolean }) {
  const { data } = useConfig();
  const demo = data?.demo;
  if (!demo) return null;
  return (
    <section className="demo-box" aria-labelledby="demo-title">
      <h2 id="demo-title" className="demo-title">
        Try the demo account
      </h2>
      <dl className="demo-credentials">
        <div>
          <dt>Email</dt>
          <dd>
            <code>{demo.email}</code>
          </dd>
        </div>
        <div>
          <dt>Password</dt>
          <dd>
            <code>{demo.password}</code>
          </dd>
        </div>
      </dl>
      <Button onClick={() => onUse(demo)} disabled={disabled} className="btn-block">
        Use demo account
      </Button>
    </section>
  );
}
