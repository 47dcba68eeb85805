import { FilterBar, FilterDate, FilterSelect, optionsOf } from '../ui/FilterBar';
import { OwnerSelect } from '../ui/OwnerSelect';
import type { TeamMember } from '../../domain/records';
import { hasDealFilters } from '../../domain/deals/board-filter';
import { useDealBoardStore } from '../../stores/deals/deal-board-store';

type Props = {
  members: TeamMember[];
  participants: { id: string; name: string }[];
  currencies: string[];
  /** The bar's own class (the calendar sizes it as the board does at laptop widths). */
  className?: string;
};

const NO_FROM = 'No start date chosen: no earliest event date';
const NO_TO = 'No end date chosen: no latest event date';

export function DealFilters({ members, participants, currencies, className }: Props) {
  const filters = useDealBoardStore((state) => state.filters);
  const setFilter = useDealBoardStore((state) => state.setFilter);
  const clearFilters = useDealBoardStore((state) => state.clearFilters);
  return (
    <FilterBar
      label="Deal filters"
      className={className}
      active={hasDealFilters(filters)}
      onClear={clearFilters}
    >
      <OwnerSelect
        aria-label="Owner"
        filter
        members={members}
        value={filters.ownerId}
        onChoose={(ownerId) => setFilter('ownerId', ownerId)}
      />
      <FilterDate
        label="Event"
        name="Event date from"
        value={filters.from}
        onChange={(from) => setFilter('from', from)}
        emptyText="Any"
        emptyMeaning={NO_FROM}
      />
      <FilterDate
        label="to"
        name="Event date to"
        value={filters.to}
        onChange={(to) => setFilter('to', to)}
        emptyText="Any"
        emptyMeaning={NO_TO}
      />
      <FilterSelect
        label="Participant"
        anyLabel="Any participant"
        className="deal-filter-participant"
        value={filters.participantId}
        options={participants.map((person) => ({ value: person.id, label: person.name }))}
        onChange={(participantId) => setFilter('participantId', participantId)}
      />
      <FilterSelect
        label="Currency"
        anyLabel="All currencies"
        value={filters.currency}
        options={optionsOf(currencies, (code) => code)}
        onChange={(currency) => setFilter('currency', currency)}
      />
    </FilterBar>
  );
}
