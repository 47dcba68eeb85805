import { mergeCounts } from '../../domain/duplicates/merge-summary';
import type { MergePlan } from '../../domain/duplicates/merge-types';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What moves to the record kept, in counts, and what is kept as one. */
export function MergeSummary({ plan }: { plan: MergePlan }) {
  const counts = mergeCounts(plan);
  const lines = [
    plural(counts.touchpoints, 'touchpoint'),
    plural(counts.tasks, 'task'),
    plural(counts.dealRoles, 'deal role'),
    plural(counts.relationships, 'relationship'),
    plural(counts.emails, 'email'),
    plural(counts.phones, 'phone'),
  ];
  return (
    <section className="merge-summary" aria-label="What moves">
      <h2 className="section-title">What moves to the record kept</h2>
      <ul className="plain-list">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {counts.dropped > 0 && (
        <p className="field-hint">
          {plural(counts.dropped, 'repeat')} of what it already has (same address, number, deal role
          or link) kept once. Tags are united, notes kept with where they came from, consent takes
          the latest decision.
        </p>
      )}
    </section>
  );
}
