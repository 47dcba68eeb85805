import { create } from 'zustand';
import type { Selection } from '../../domain/customers/selection';
import {
  EMPTY_SELECTION,
  keepPresent,
  selectAll,
  selectRange,
  toggleRow,
} from '../../domain/customers/selection';

/**
 * Which customers of the list are selected for a bulk change (ids only, never rows). The
 * rules live in domain/customers/selection.ts; the list page clears it when the query changes.
 */
type SelectionState = {
  selection: Selection;
  toggle(id: string): void;
  extendTo(orderedIds: readonly string[], id: string): void;
  selectAll(ids: readonly string[]): void;
  keepPresent(present: ReadonlySet<string>): void;
  clear(): void;
};

export const useCustomerSelectionStore = create<SelectionState>()((set, get) => ({
  selection: EMPTY_SELECTION,
  toggle: (id) => set({ selection: toggleRow(get().selection, id) }),
  extendTo: (orderedIds, id) => set({ selection: selectRange(get().selection, orderedIds, id) }),
  selectAll: (ids) => set({ selection: selectAll(ids) }),
  keepPresent: (present) => set({ selection: keepPresent(get().selection, present) }),
  clear: () => set({ selection: EMPTY_SELECTION }),
}));
