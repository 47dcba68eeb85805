import { Link } from 'react-router';
import { useCustomerRows, useProposedPairs } from '../../hooks/duplicates/use-duplicates';
import type { ProposedPair } from '../../services/crm/duplicates/proposed-pairs';
import { PairActions } from './PairRow';

/** The reason in words: the sync conflict rule that proposed the pair. */
export function proposedReasonText(pair: ProposedPair): string {
  return `Same email claimed on two laptops${pair.address ? ` (${pair.address})` : ''}`;
}

/**
 * Pairs the sync conflict rules proposed: two laptops gave one address to two customers
 * (docs/sync.md). Listed with their reason and dismissable like the detector's pairs; a
 * pair the detector lists too is shown there only (`shown`).
 */
export function ProposedPairs({ shown }: { shown: ReadonlySet<string> }) {
  const proposed = useProposedPairs();
  const pairs = (proposed ?? []).filter((pair) => !shown.has(`${pair.a}+${pair.b}`));
  const rows = useCustomerRows([...new Set(pairs.flatMap((pair) => [pair.a, pair.b]))]);
  if (pairs.length === 0 || !rows) return null;
  const name = (id: string) => rows.get(id)?.display_name ?? 'customer';
  return (
    <section aria-labelledby="proposed-by-sync">
      <h2 id="proposed-by-sync" className="section-title">
        Proposed by sync
      </h2>
      <ol className="dup-list" aria-label="Proposed by sync">
        {pairs.map((pair) => (
          <li
            key={`${pair.a}+${pair.b}`}
            className="dup-pair"
            aria-label={`${name(pair.a)} and ${name(pair.b)}`}
          >
            <span className="dup-confidence dup-medium">Sync</span>
            <span className="dup-people">
              {[pair.a, pair.b].map((id) => (
                <span key={id} className="dup-person">
                  <Link to={`/customers/${id}`} className="cell-name">
                    {name(id)}
                  </Link>
                  <span className="cell-muted">
                    {rows.get(id)?.primary_email || 'No email'}
                    {id === pair.keptBy ? ' · kept the address' : ''}
                  </span>
                </span>
              ))}
            </span>
            <ul className="dup-reasons" aria-label="Reasons">
              <li className="tag">{proposedReasonText(pair)}</li>
            </ul>
            <PairActions a={pair.a} b={pair.b} />
          </li>
        ))}
      </ol>
    </section>
  );
}
