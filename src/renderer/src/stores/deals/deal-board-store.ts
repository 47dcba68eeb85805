import { create } from 'zustand';
import type { DealBoardFilters } from '../../domain/deals/board-filter';
import { NO_DEAL_FILTERS } from '../../domain/deals/board-filter';

type DealBoardState = {
  filters: DealBoardFilters;
  setFilter: <K extends keyof DealBoardFilters>(key: K, value: DealBoardFilters[K]) => void;
  clearFilters: () => void;
  /** The forecast strip above the board: shown, hidden, or null to follow the window's height. */
  forecastOpen: boolean | null;
  setForecastOpen: (open: boolean) => void;
};

/** The board's filters (UI state only; the deals themselves live in the database). */
export const useDealBoardStore = create<DealBoardState>()((set, get) => ({
  filters: NO_DEAL_FILTERS,
  setFilter: (key, value) => set({ filters: { ...get().filters, [key]: value } }),
  clearFilters: () => set({ filters: NO_DEAL_FILTERS }),
  forecastOpen: null,
  setForecastOpen: (open) => set({ forecastOpen: open }),
}));
