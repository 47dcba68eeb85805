import { useState } from 'react';
import { MergeAllButton } from '../../components/duplicates/MergeAllDialog';
import { PairRow } from '../../components/duplicates/PairRow';
import { ProposedPairs } from '../../components/duplicates/ProposedPairs';
import type { Confidence } from '../../domain/duplicates/confidence';
import {
  useCustomerRows,
  useDuplicateCounts,
  useDuplicatePairs,
} from '../../hooks/duplicates/use-duplicates';

const PAGE = 200;
const FLOORS: { value: Confidence; label: string }[] = [
  { value: 'high', label: 'High only' },
  { value: 'medium', label: 'Medium and up' },
  { value: 'low', label: 'All' },
];

/** Possible duplicates, best first, with why and how sure; compare, merge or dismiss each. */
export function DuplicatesPage() {
  const [floor, setFloor] = useState<Confidence>('medium');
  const counts = useDuplicateCounts();
  const pairs = useDuplicatePairs({ minConfidence: floor, limit: PAGE });
  const rows = useCustomerRows(pairs ? [...new Set(pairs.flatMap((p) => [p.a, p.b]))] : []);
  const total = counts ? counts.high + counts.medium + counts.low : undefined;

  return (
    <>
      <header className="page-header">
        <div>
          <h1 className="page-title">Duplicates</h1>
          <span className="page-subtitle">
            {counts
              ? `${counts.high} high · ${counts.medium} medium · ${counts.low} low confidence`
              : 'Looking for duplicates…'}
          </span>
        </div>
        <div className="page-actions">
          <div role="group" aria-label="Confidence" className="button-row">
            {FLOORS.map((option) => (
              <button
                key={option.value}
                type="button"
                className="btn btn-small"
                aria-pressed={floor === option.value}
                onClick={() => setFloor(option.value)}
              >
                {option.label}
              </button>
            ))}
          </div>
          <MergeAllButton />
        </div>
      </header>
      <div className="page-body">
        <ProposedPairs shown={new Set((pairs ?? []).map((pair) => `${pair.a}+${pair.b}`))} />
        {!pairs || !rows ? (
          <p className="field-hint" aria-busy="true">
            Looking for duplicates…
          </p>
        ) : pairs.length === 0 ? (
          <div className="empty">
            <h2>No possible duplicates{total ? ' at this confidence' : ''}</h2>
            <p>
              Customers sharing a phone, a name and a date of birth, a name at one email domain, or
              a nearly equal name with a shared email name show up here.
            </p>
          </div>
        ) : (
          <ol className="dup-list" aria-label="Possible duplicates">
            {pairs.map((pair) => (
              <PairRow key={`${pair.a}+${pair.b}`} pair={pair} rows={rows} />
            ))}
          </ol>
        )}
      </div>
    </>
  );
}
