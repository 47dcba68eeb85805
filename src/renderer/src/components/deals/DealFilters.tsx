import type { TeamMember } from '../../domain/records';
import { hasDealFilters } from '../../domain/deals/board-filter';
import { useDealBoardStore } from '../../stores/deals/deal-board-store';

type Props = {
  members: TeamMember[];
  participants: { id: string; name: string }[];
  currencies: string[];
};

export function DealFilters({ members, participants, currencies }: Props) {
  const filters = useDealBoardStore((state) => state.filters);
  const setFilter = useDealBoardStore((state) => state.setFilter);
  const clearFilters = useDealBoardStore((state) => state.clearFilters);
  return (
    <div className="toolbar" role="group" aria-label="Deal filters">
      <select
        className="select"
        aria-label="Owner"
        value={filters.ownerId ?? '*'}
        onChange={(event) =>
          setFilter('ownerId', event.target.value === '*' ? null : event.target.value)
        }
      >
        <option value="*">Any owner</option>
        <option value="">No owner</option>
        {members.map((member) => (
          <option key={member.id} value={member.id}>
            {member.name}
          </option>
        ))}
      </select>
      <label className="deal-filter-date">
        <span>Event from</span>
        <input
          className="input"
          type="date"
          aria-label="Event date from"
          value={filters.from ?? ''}
          onChange={(event) => setFilter('from', event.target.value || null)}
        />
      </label>
      <label className="deal-filter-date">
        <span>to</span>
        <input
          className="input"
          type="date"
          aria-label="Event date to"
          value={filters.to ?? ''}
          onChange={(event) => setFilter('to', event.target.value || null)}
        />
      </label>
      <select
        className="select"
        aria-label="Participant"
        value={filters.participantId ?? ''}
        onChange={(event) => setFilter('participantId', event.target.value || null)}
      >
        <option value="">Anyone taking part</option>
        {participants.map((person) => (
          <option key={person.id} value={person.id}>
            {person.name}
          </option>
        ))}
      </select>
      <select
        className="select"
        aria-label="Currency"
        value={filters.currency ?? ''}
        onChange={(event) => setFilter('currency', event.target.value || null)}
      >
        <option value="">All currencies</option>
        {currencies.map((code) => (
          <option key={code} value={code}>
            {code}
          </option>
        ))}
      </select>
      {hasDealFilters(filters) && (
        <button type="button" className="btn btn-ghost btn-small" onClick={clearFilters}>
          Clear filters
        </button>
      )}
    </div>
  );
}
