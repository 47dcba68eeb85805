import { useEffect, useState } from 'react';
import type { CustomerListRow } from '../../domain/records';
import { useCustomerRows } from '../../hooks/duplicates/use-duplicates';
import { useImportWizard } from '../../stores/import/import-wizard-store';
import { CONFIDENCE_LABELS, reasonText } from '../duplicates/reason-text';
import { chooseMergeInto, findLikelyExisting, type LikelyRow } from './merge-into-actions';
import { chosenByRow, type MergePick } from './merge-into-choices';

/** At most this many existing customers offered per row (best first). */
const OFFERED = 3;

/**
 * The plan step's rows that are likely an existing customer under another email, with the
 * reasons; per row (and for all) "merge into <customer>" instead of creating a new one.
 */
export function LikelyExistingRows() {
  const { analysis, busy, policy } = useImportWizard();
  const [likely, setLikely] = useState<LikelyRow[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // Picks sent to the worker and not yet in its analysis: shown at once (see chosenByRow).
  const [pending, setPending] = useState<ReadonlyMap<number, string | null>>(new Map());
  useEffect(() => {
    let live = true;
    findLikelyExisting().then(
      (rows) => live && setLikely(rows),
      (error: unknown) => live && setFailed(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, []);
  const ids = [...new Set((likely ?? []).flatMap((row) => row.matches.map((m) => m.id)))];
  const customers = useCustomerRows(ids);
  if (failed) return <p className="field-hint">Could not look for existing customers: {failed}</p>;
  if (!likely || likely.length === 0 || !customers) return null;
  const chosen = chosenByRow(analysis?.mergeInto ?? [], pending);
  const choose = (picks: MergePick[]) => {
    setPending((before) => {
      const next = new Map(before);
      for (const pick of picks) next.set(pick.row, pick.customerId);
      return next;
    });
    void chooseMergeInto(picks).finally(() =>
      setPending((before) => {
        const next = new Map(before);
        // Only this call's picks, and only if no later click replaced them meanwhile.
        for (const pick of picks) if (next.get(pick.row) === pick.customerId) next.delete(pick.row);
        return next;
      }),
    );
  };
  const everyBest = likely.map((row) => ({
    row: row.identity.row,
    customerId: row.matches[0]?.id ?? null,
  }));
  return (
    <section className="import-likely" aria-labelledby="likely-heading">
      <h3 id="likely-heading" className="field-label">
        Likely already in Encore under another email ({likely.length})
      </h3>
      <div className="button-row">
        <button
          type="button"
          className="btn btn-small"
          disabled={busy}
          onClick={() => choose(everyBest)}
        >
          Merge all into their likeliest customer
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={busy}
          onClick={() => choose(everyBest.map(({ row }) => ({ row, customerId: null })))}
        >
          Create all as new
        </button>
      </div>
      <ol className="plain-list import-likely-rows" aria-label="Rows likely already in Encore">
        {likely.map((row) => (
          <LikelyRowChoices
            key={row.identity.row}
            row={row}
            chosen={chosen.get(row.identity.row)}
            customers={customers}
            busy={busy}
            choose={choose}
          />
        ))}
      </ol>
      {policy === 'skip' && chosen.size > 0 ? (
        <p className="field-hint">
          With “Skip existing customers”, rows merged into a customer are skipped too.
        </p>
      ) : null}
      {analysis && analysis.merged > 0 ? (
        <p className="field-hint" data-testid="import-merged-summary">
          {analysis.merged} {analysis.merged === 1 ? 'row goes' : 'rows go'} into an existing
          customer: its emails, phones and blank fields are added there (counted as updated).
        </p>
      ) : null}
    </section>
  );
}

/** One row: "Create a new customer" or "Merge into" one of its likely customers. */
function LikelyRowChoices({
  row: { identity, matches },
  chosen,
  customers,
  busy,
  choose: send,
}: {
  row: LikelyRow;
  chosen: string | undefined;
  customers: Map<string, CustomerListRow>;
  busy: boolean;
  choose: (picks: MergePick[]) => void;
}) {
  const rowName = `${identity.first_name} ${identity.last_name}`.trim() || identity.email;
  const group = `likely-row-${identity.row}`;
  const choose = (customerId: string | null) => send([{ row: identity.row, customerId }]);
  return (
    <li aria-label={`Row ${identity.row}: ${rowName}`}>
      <fieldset className="import-policy">
        <legend>
          Row {identity.row}: <strong>{rowName}</strong>{' '}
          <span className="cell-muted">{identity.email}</span>
        </legend>
        <label className="import-policy-option">
          <input
            type="radio"
            name={group}
            checked={chosen === undefined}
            disabled={busy}
            onChange={() => choose(null)}
          />
          <span>Create a new customer</span>
        </label>
        {matches.slice(0, OFFERED).map((match) => (
          <label key={match.id} className="import-policy-option">
            <input
              type="radio"
              name={group}
              checked={chosen === match.id}
              disabled={busy}
              onChange={() => choose(match.id)}
            />
            <span>
              <strong>
                Merge into {customers.get(match.id)?.display_name ?? 'an existing customer'}
              </strong>
              <span className="field-hint">
                {customers.get(match.id)?.primary_email ?? ''} ·{' '}
                {CONFIDENCE_LABELS[match.confidence].toLowerCase()} confidence:{' '}
                {match.reasons.map(reasonText).join(', ')}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
    </li>
  );
}
