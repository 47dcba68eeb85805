import type { RefObject } from 'react';
import { LIFECYCLE_STAGES } from '../../domain/records';
import type { Lifecycle, TeamMember } from '../../domain/records';
import type { CustomerSort } from '../../services/crm/customers/customer-list-query';
import { hasFilters } from '../../services/crm/customers/customer-list-query';
import { useCustomerListStore } from '../../stores/customers/customer-list-store';
import { LIFECYCLE_LABELS } from './LifecycleBadge';

type Props = {
  tags: string[];
  members: TeamMember[];
  searchRef: RefObject<HTMLInputElement | null>;
};

const SORTS: { value: string; label: string }[] = [
  { value: 'name:asc', label: 'Name A–Z' },
  { value: 'name:desc', label: 'Name Z–A' },
  { value: 'last_touch:desc', label: 'Last touch, recent first' },
  { value: 'created:desc', label: 'Newest first' },
  { value: 'created:asc', label: 'Oldest first' },
  { value: 'updated:desc', label: 'Recently edited' },
];

export function CustomerFilters({ tags, members, searchRef }: Props) {
  const query = useCustomerListStore((state) => state.query);
  const setQuery = useCustomerListStore((state) => state.setQuery);
  const clearFilters = useCustomerListStore((state) => state.clearFilters);

  return (
    <div className="toolbar" role="search">
      <input
        ref={searchRef}
        type="search"
        className="input search-input"
        aria-label="Search customers"
        placeholder="Search name, email or phone…  (/)"
        value={query.search}
        onChange={(event) => setQuery({ search: event.target.value })}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setQuery({ search: '' });
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            document.querySelector<HTMLElement>('[data-testid="customer-list"]')?.focus();
          }
        }}
      />
      <select
        className="select"
        aria-label="Stage"
        value={query.lifecycle ?? ''}
        onChange={(event) =>
          setQuery({ lifecycle: (event.target.value || null) as Lifecycle | null })
        }
      >
        <option value="">Any stage</option>
        {LIFECYCLE_STAGES.map((stage) => (
          <option key={stage} value={stage}>
            {LIFECYCLE_LABELS[stage]}
          </option>
        ))}
      </select>
      <select
        className="select"
        aria-label="Tag"
        value={query.tag ?? ''}
        onChange={(event) => setQuery({ tag: event.target.value || null })}
      >
        <option value="">Any tag</option>
        {tags.map((tag) => (
          <option key={tag} value={tag}>
            {tag}
          </option>
        ))}
      </select>
      <select
        className="select"
        aria-label="Marketing consent"
        value={query.optIn ?? ''}
        onChange={(event) =>
          setQuery({ optIn: (event.target.value || null) as 'email' | 'sms' | null })
        }
      >
        <option value="">Any consent</option>
        <option value="email">Email opt-in</option>
        <option value="sms">SMS opt-in</option>
      </select>
      <select
        className="select"
        aria-label="Owner"
        value={query.ownerId === null ? '*' : query.ownerId}
        onChange={(event) =>
          setQuery({ ownerId: event.target.value === '*' ? null : event.target.value })
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
      <select
        className="select"
        aria-label="Sort"
        value={`${query.sort}:${query.direction}`}
        onChange={(event) => {
          const [sort, direction] = event.target.value.split(':') as [CustomerSort, 'asc' | 'desc'];
          setQuery({ sort, direction });
        }}
      >
        {SORTS.map((sort) => (
          <option key={sort.value} value={sort.value}>
            {sort.label}
          </option>
        ))}
      </select>
      {(hasFilters(query) || query.search) && (
        <button className="btn btn-ghost" onClick={clearFilters}>
          Clear
        </button>
      )}
    </div>
  );
}
