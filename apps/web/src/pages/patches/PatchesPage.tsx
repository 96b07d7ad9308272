import { useState } from 'react';
import { useSession } from '../../api/auth-status.ts';
import { usePatches, usePlanPatch } from '../../api/patches.ts';
import { useService } from '../../api/topology.ts';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ReadOnlyHint } from '../../components/ReadOnlyHint.tsx';
import { ServicePicker } from '../../components/ServicePicker.tsx';
import { majorityVersion, suggestNextVersion } from '../../lib/patches.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { PlanCard } from './PlanCard.tsx';

export default function PatchesPage() {
  const patches = usePatches();
  const plans = patches.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title="Patches" updatedAt={patches.dataUpdatedAt} />
      <p className="muted small page-intro">
        PatchOps rolls a version out in waves — a canary first, then larger shares of the hosts —
        and compares the new version's hosts with the rest after each wave; a failed analysis rolls
        the touched hosts back. It plans the simulator's releases on its own (every ~20 virtual
        minutes); plans whose risk is 0.5 or more wait for an operator's approval.
      </p>
      <PlanForm />
      <ErrorNote error={patches.error} />
      {patches.isSuccess && plans.length === 0 && (
        <p className="muted">
          No patch plans yet. Plan one above, or let the simulation run: PatchOps plans releases as
          they appear.
        </p>
      )}
      <div className="plan-list">
        {plans.map((plan) => (
          <PlanCard key={plan.id} plan={plan} />
        ))}
      </div>
      <LoadMore query={patches} label="Older plans" />
    </>
  );
}

function PlanForm() {
  const { canOperate } = useSession();
  const plan = usePlanPatch();
  const [service, setService] = useState('');
  const [version, setVersion] = useState('');
  const chosen = useDebounced(service, 250);
  const detail = useService(chosen);
  const current =
    detail.data?.id === service ? majorityVersion(detail.data.hosts, detail.data.id) : null;
  const suggestion = current ? suggestNextVersion(current) : '1.0.1';
  return (
    <form
      className="panel plan-form"
      aria-label="Plan a patch"
      onSubmit={(event) => {
        event.preventDefault();
        plan.mutate(
          { service, version: version.trim() || suggestion },
          { onSuccess: () => setVersion('') },
        );
      }}
    >
      <h2>Plan a patch</h2>
      <div className="row wrap">
        <ServicePicker
          value={service}
          disabled={!canOperate}
          onChange={(next) => {
            setService(next);
            plan.reset();
          }}
        />
        <label className="field">
          <span>Version{current ? ` (runs ${current})` : ''}</span>
          <input
            name="version"
            value={version}
            placeholder={suggestion}
            pattern="\d+\.\d+\.\d+([\-+][0-9A-Za-z.\-]+)?"
            title="A version like 1.2.3"
            disabled={!canOperate}
            onChange={(event) => setVersion(event.target.value)}
          />
        </label>
        <button
          type="submit"
          className="primary"
          disabled={!canOperate || plan.isPending || !service}
        >
          {plan.isPending ? 'Planning…' : 'Plan rollout'}
        </button>
      </div>
      <div aria-live="polite">
        {plan.isSuccess && (
          <p className="ok-note">
            Planned {plan.data.id}: {plan.data.service} {plan.data.fromVersion} →{' '}
            {plan.data.toVersion}, risk {plan.data.risk.score.toFixed(2)}
            {plan.data.approvalRequired ? ' — needs approval' : ''}
          </p>
        )}
      </div>
      <ErrorNote error={plan.error} />
      <ReadOnlyHint to="plan, approve or abort rollouts" />
    </form>
  );
}
