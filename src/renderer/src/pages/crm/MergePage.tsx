import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { run } from '../../app/actions/runner';
import { mergeCustomersAction } from '../../components/duplicates/duplicate-actions';
import { FieldChoices } from '../../components/duplicates/FieldChoices';
import { MergeSummary } from '../../components/duplicates/MergeSummary';
import type { MergeForm } from '../../components/duplicates/merge-form';
import {
  formChoices,
  previewMerge,
  survivorFirst,
  survivorRowsAfter,
} from '../../components/duplicates/merge-form';
import { contactsAfter, UnitedContacts } from '../../components/duplicates/UnitedContacts';
import { displayName } from '../../domain/display-name';
import type { CustomerBundle } from '../../domain/duplicates/merge-types';
import { nowIso } from '../../domain/ids';
import { useMergeView } from '../../hooks/duplicates/use-duplicates';
import { useTeamMembers } from '../../hooks/team/use-team';

function SurvivorChoice({
  bundles,
  survivorId,
  onChoose,
}: {
  bundles: CustomerBundle[];
  survivorId: string;
  onChoose(id: string): void;
}) {
  return (
    <fieldset className="fieldset-plain merge-survivor">
      <legend className="section-title">Keep which record</legend>
      <p className="field-hint">
        The others become merged records pointing at it; edits made to them on another laptop land
        on it.
      </p>
      {bundles.map((bundle, index) => (
        <label key={bundle.profile.id} className="merge-choice">
          <input
            type="radio"
            name="survivor"
            checked={survivorId === bundle.profile.id}
            onChange={() => onChoose(bundle.profile.id)}
          />
          <span>
            Customer {index + 1}: {displayName(bundle.profile, bundle.emails[0]?.address)} (created{' '}
            {bundle.profile.created_at.slice(0, 16).replace('T', ' ')})
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function MergeScreen({ bundles }: { bundles: CustomerBundle[] }) {
  const members = useTeamMembers();
  // The customer created first survives by default: other records most likely point at it.
  const [form, setForm] = useState<MergeForm>({
    survivorId: bundles[0]?.profile.id ?? '',
    fields: {},
  });
  const [busy, setBusy] = useState(false);
  const at = useMemo(() => nowIso(), []);
  const preview = previewMerge(bundles, form, at);
  const chosen = formChoices(bundles, form).fields as Required<MergeForm['fields']>;
  if (!preview.ok) return <p className="notice notice-danger">{preview.problem.message}</p>;
  const { plan } = preview;
  const ordered = survivorFirst(bundles, form.survivorId);
  const emails = survivorRowsAfter(
    ordered.flatMap((b) => b.emails),
    plan.changes,
    'customer_emails',
    form.survivorId,
  );
  const phones = survivorRowsAfter(
    ordered.flatMap((b) => b.phones),
    plan.changes,
    'customer_phones',
    form.survivorId,
  );
  const survivorProfile = plan.changes.reduce(
    (profile, change) =>
      change.table === 'customer_profiles' && change.after.id === form.survivorId
        ? change.after
        : profile,
    (ordered[0] as CustomerBundle).profile,
  );
  const name = displayName(survivorProfile, emails[0]?.address);

  async function merge() {
    setBusy(true);
    await run(mergeCustomersAction, {
      survivorId: form.survivorId,
      otherIds: plan.mergedIds,
      choices: formChoices(bundles, form),
      name,
    });
    setBusy(false);
  }

  return (
    <form
      className="merge-form"
      onSubmit={(event) => {
        event.preventDefault();
        void merge();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          void merge();
        }
      }}
    >
      <SurvivorChoice
        bundles={bundles}
        survivorId={form.survivorId}
        onChoose={(survivorId) => setForm({ ...form, survivorId })}
      />
      <FieldChoices
        bundles={bundles}
        chosen={chosen}
        members={members}
        onChoose={(field, id) => setForm({ ...form, fields: { ...form.fields, [field]: id } })}
      />
      <div className="merge-columns">
        <UnitedContacts
          title="Emails"
          contacts={contactsAfter(emails, (row) => row.address)}
          onPrimary={(primaryEmailId) => setForm({ ...form, primaryEmailId })}
        />
        <UnitedContacts
          title="Phones"
          contacts={contactsAfter(phones, (row) => row.raw_input || row.e164)}
          onPrimary={(primaryPhoneId) => setForm({ ...form, primaryPhoneId })}
        />
      </div>
      <MergeSummary plan={plan} />
      <div className="button-row merge-submit">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Merging…' : `Merge into ${name}`}
        </button>
        <span className="field-hint">Ctrl+Enter · Undo from the message afterwards</span>
      </div>
    </form>
  );
}

/** Side by side: which record stays, a value per field, the united contacts, what moves. */
export function MergePage() {
  const { ids = '' } = useParams();
  const idList = ids.split(',').filter(Boolean);
  const view = useMergeView(idList);
  return (
    <>
      <header className="page-header">
        <Link to="/duplicates" className="btn btn-ghost" aria-label="Back to duplicates">
          ←
        </Link>
        <h1 className="page-title">Merge customers</h1>
      </header>
      <div className="page-body">
        {!view ? (
          <p className="field-hint" aria-busy="true">
            Loading…
          </p>
        ) : view.bundles.length < 2 ? (
          <div className="empty">
            <h2>Nothing left to merge</h2>
            <p>
              {view.gone.length > 0
                ? 'One of these customers was deleted or merged already.'
                : 'Choose two or more customers.'}
            </p>
            <Link className="btn" to="/duplicates">
              Back to duplicates
            </Link>
          </div>
        ) : (
          // Oldest first: customer 1 is the one created first, kept by default.
          <MergeScreen
            key={ids}
            bundles={[...view.bundles].sort((x, y) => (x.profile.id < y.profile.id ? -1 : 1))}
          />
        )}
      </div>
    </>
  );
}
