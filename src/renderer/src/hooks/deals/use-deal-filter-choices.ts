import { useMemo } from 'react';
import type { BoardData } from '../../services/crm/deals/deal-queries';

/** What the deal filters offer (the board's and the calendar's): people by name, currencies. */
export function useDealFilterChoices(board: BoardData | undefined) {
  const participants = useMemo(
    () =>
      board
        ? [...board.names.entries()]
            .map(([id, name]) => ({ id, name }))
            .sort((a, b) => a.name.localeCompare(b.name))
        : [],
    [board],
  );
  const currencies = useMemo(
    () => (board ? [...new Set(board.deals.map((d) => d.currency))].sort() : []),
    [board],
  );
  return { participants, currencies };
}
