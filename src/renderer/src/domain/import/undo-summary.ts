/** The numbers of an import's undo in one sentence, before (the confirmation) and after. */
import type { UndoPlan } from './undo-plan';

const customers = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'customer' : 'customers'}`;

/**
 * "1,204 customers will be removed, 310 restored; 12 were changed since the import and stay
 * as they are" (`will`), or "1,204 customers removed, 310 restored; 12 changed since the
 * import kept" (`done`).
 */
export function undoSummary(counts: UndoPlan['counts'], tense: 'will' | 'done'): string {
  const { removed, restored, kept } = counts;
  const will = tense === 'will';
  const changes =
    removed === 0 && restored === 0
      ? will
        ? 'No customer will be removed or restored'
        : 'No customer removed or restored'
      : `${customers(removed)} ${will ? 'will be ' : ''}removed, ${restored.toLocaleString()} restored`;
  if (kept === 0) return changes;
  const stay = will
    ? `${kept.toLocaleString()} ${kept === 1 ? 'was' : 'were'} changed since the import and ${kept === 1 ? 'stays' : 'stay'} as ${kept === 1 ? 'it is' : 'they are'}`
    : `${customers(kept)} changed since the import kept as ${kept === 1 ? 'it was' : 'they were'}`;
  return `${changes}; ${stay}`;
}
