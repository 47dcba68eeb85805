import { Link } from 'react-router';
import { run } from '../../app/actions/runner';
import type { DuplicatePair } from '../../domain/duplicates/pair-delta';
import type { CustomerListRow } from '../../domain/records';
import { dismissPairAction } from './duplicate-actions';
import { CONFIDENCE_LABELS, compareLink, reasonText } from './reason-text';

/** Compare the two, or dismiss the pair for good (synced). */
export function PairActions({ a, b }: { a: string; b: string }) {
  return (
    <span className="dup-actions">
      <Link className="btn btn-small btn-primary" to={compareLink([a, b])}>
        Compare
      </Link>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => void run(dismissPairAction, { a, b })}
      >
        Not a duplicate
      </button>
    </span>
  );
}

function Person({ row, id }: { row: CustomerListRow | undefined; id: string }) {
  if (!row) return <span className="cell-muted">Customer no longer listed</span>;
  return (
    <span className="dup-person">
      <Link to={`/customers/${id}`} className="cell-name">
        {row.display_name}
      </Link>
      <span className="cell-muted">
        {[row.primary_email, row.primary_phone].filter(Boolean).join(' · ') || 'No email or phone'}
      </span>
    </span>
  );
}

/** One possible duplicate: the two customers, why, how sure, and what to do about it. */
export function PairRow({
  pair,
  rows,
}: {
  pair: DuplicatePair;
  rows: Map<string, CustomerListRow>;
}) {
  const names = [rows.get(pair.a)?.display_name, rows.get(pair.b)?.display_name];
  return (
    <li className="dup-pair" aria-label={`${names[0] ?? 'customer'} and ${names[1] ?? 'customer'}`}>
      <span className={`dup-confidence dup-${pair.confidence}`}>
        {CONFIDENCE_LABELS[pair.confidence]}
      </span>
      <span className="dup-people">
        <Person row={rows.get(pair.a)} id={pair.a} />
        <Person row={rows.get(pair.b)} id={pair.b} />
      </span>
      <ul className="dup-reasons" aria-label="Reasons">
        {pair.reasons.map((reason, index) => (
          <li key={index} className="tag">
            {reasonText(reason)}
          </li>
        ))}
      </ul>
      <PairActions a={pair.a} b={pair.b} />
    </li>
  );
}
