import { useState } from "react";
import { roleLabel } from "../../lib/format";
import { useSwitchTenant } from "../../features/auth/api/switch-tenant";
import type { Me } from "../../features/auth/api/get-me";
import { CreateTenantForm } from "../../features/auth/components/create-tenant-form";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { CheckIcon, ChevronDownIcon, PlusIcon } from "../ui/icons";
import { Popover } from "../ui/popover";
import { Spinner } from "../ui/spinner";

/** Shows the business you're working in; lets you switch or create another. */
export function TenantSwitcher({ me }: { me: Me }) {
  const switchTenant = useSwitchTenant();
  const [creating, setCreating] = useState(false);
  const canSwitch = me.via === "session";
  return (
    <>
      <Popover
        label="Your businesses"
        className="tenant-switcher"
        trigger={(props) => (
          <button type="button" className="tenant-trigger" {...props} disabled={!canSwitch}>
            <span className="tenant-avatar" aria-hidden="true">
              {me.tenant.name.slice(0, 1).toUpperCase()}
            </span>
            <span className="tenant-trigger-text">
              <span className="visually-hidden">Current business: </span>
              <span className="tenant-name">{me.tenant.name}</span>
              <span className="tenant-role">{roleLabel[me.role]}</span>
            </span>
            <ChevronDownIcon size={16} />
            <span className="visually-hidden">, switch business</span>
          </button>
        )}
      >
        {(close) => (
          <>
            <p className="popover-heading">Your businesses</p>
            <ul className="menu-list">
              {me.tenants.map((t) => {
                const current = t.id === me.tenant.id;
                const pending = switchTenant.isPending && switchTenant.variables === t.id;
                return (
                  <li key={t.id}>
                    <button
                      type="button"
                      className="menu-item"
                      aria-current={current ? "true" : undefined}
                      disabled={switchTenant.isPending}
                      onClick={() => {
                        if (current) return close();
                        switchTenant.mutate(t.id, { onSuccess: close });
                      }}
                    >
                      <span className="menu-item-text">
                        <span>{t.name}</span>
                        <span className="menu-item-meta">{roleLabel[t.role]}</span>
                      </span>
                      {pending ? <Spinner /> : current ? <CheckIcon size={16} aria-label="Current" /> : null}
                      {current && <span className="visually-hidden">(current)</span>}
                    </button>
                  </li>
                );
              })}
            </ul>
            <div className="menu-separator" role="separator" />
            <button
              type="button"
              className="menu-item"
              onClick={() => {
                close();
                setCreating(true);
              }}
            >
              <PlusIcon size={16} />
              <span className="menu-item-text">Create another business</span>
            </button>
          </>
        )}
      </Popover>
      <Dialog
        open={creating}
        onClose={() => setCreating(false)}
        title="Create another business"
        description="Each business has its own team, API keys and settings. You can switch between them at any time."
      >
        <CreateTenantForm onCreated={() => setCreating(false)} secondaryAction={<Button onClick={() => setCreating(false)}>Cancel</Button>} />
      </Dialog>
    </>
  );
}
