import { FilterBar, FilterSelect, optionsOf } from '../ui/FilterBar';
import { OwnerSelect } from '../ui/OwnerSelect';
import { memo, useLayoutEffect, type ReactNode, type RefObject } from 'react';
import { askCustomerListEarly } from '../../hooks/customers/use-customers';
import { LIFECYCLE_STAGES } from '../../domain/records';
import type { Lifecycle, TeamMember } from '../../domain/records';
import type { CustomerSort } from '../../services/crm/customers/customer-list-query';
import { useCustomerListStore } from '../../stores/customers/customer-list-store';
import { LIFECYCLE_LABELS } from './LifecycleBadge';
import { useMenuDismiss } from '../ui/use-menu-dismiss';

const CONSENTS = [
  { value: 'email', label: 'Email opt-in' },
  { value: 'sms', label: 'SMS opt-in' },
] as const;

type Props = {
  tags: string[];
  members: TeamMember[];
  searchRef: RefObject<HTMLInputElement | null>;
  /** More controls at the end of the bar (the column picker). */
  children?: ReactNode;
  /** A narrow window: the filters go in a menu so the bar stays on one line. */
  compact?: boolean;
};

const SORTS: { value: string; label: string }[] = [
  { value: 'name:asc', label: 'Name A–Z' },
  { value: 'name:desc', label: 'Name Z–A' },
  { value: 'last_touch:desc', label: 'Last touch, recent first' },
  { value: 'score:desc', label: 'Most engaged first' },
  { value: 'created:desc', label: 'Newest first' },
  { value: 'created:asc', label: 'Oldest first' },
  { value: 'updated:desc', label: 'Recently edited' },
];

/**
 * Stage, tag, consent and owner: in the bar, or in the Filters menu when narrow. Memoized and
 * reading only its own fields: a keystroke in the search box does not render the selects
 * (the tag and owner ones hold every tag and member).
 */
const FilterFields = memo(function FilterFields({
  tags,
  members,
}: Pick<Props, 'tags' | 'members'>) {
  const lifecycle = useCustomerListStore((state) => state.query.lifecycle);
  const tag = useCustomerListStore((state) => state.query.tag);
  const optIn = useCustomerListStore((state) => state.query.optIn);
  const ownerId = useCustomerListStore((state) => state.query.ownerId);
  const setQuery = useCustomerListStore((state) => state.setQuery);
  return (
    <>
      <FilterSelect
        label="Stage"
        anyLabel="Any stage"
        value={lifecycle}
        options={optionsOf(LIFECYCLE_STAGES, LIFECYCLE_LABELS)}
        onChange={(lifecycle: Lifecycle | null) => setQuery({ lifecycle })}
      />
      <FilterSelect
        label="Tag"
        anyLabel="Any tag"
        value={tag}
        options={optionsOf(tags, (tag) => tag)}
        onChange={(tag) => setQuery({ tag })}
      />
      <FilterSelect
        label="Marketing consent"
        anyLabel="Any consent"
        value={optIn}
        options={CONSENTS}
        onChange={(optIn) => setQuery({ optIn })}
      />
      <OwnerSelect
        aria-label="Owner"
        filter
        members={members}
        value={ownerId}
        onChoose={(owner) => setQuery({ ownerId: owner })}
      />
    </>
  );
});

/** The sort, memoized for the same reason as the filters. */
const SortSelect = memo(function SortSelect() {
  const sort = useCustomerListStore((state) => state.query.sort);
  const direction = useCustomerListStore((state) => state.query.direction);
  const setQuery = useCustomerListStore((state) => state.setQuery);
  return (
    <select
      className="select"
      aria-label="Sort"
      value={`${sort}:${direction}`}
      onChange={(event) => {
        const [next, order] = event.target.value.split(':') as [CustomerSort, 'asc' | 'desc'];
        setQuery({ sort: next, direction: order });
      }}
    >
      {SORTS.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </select>
  );
});

/**
 * The search box is uncontrolled: typing changes its text with no render of React's. A search
 * set elsewhere (Escape, Clear, a saved view, the text typed into the first paint's picture)
 * is written into it as the store changes, before React renders that change.
 */
function useSearchBoxFollowsStore(searchRef: RefObject<HTMLInputElement | null>) {
  useLayoutEffect(() => {
    const follow = (search: string) => {
      const box = searchRef.current;
      if (box && box.value !== search) box.value = search;
    };
    follow(useCustomerListStore.getState().query.search);
    return useCustomerListStore.subscribe((state) => follow(state.query.search));
  }, [searchRef]);
}

/** Memoized: an answer arriving renders the page, not the bar (its children are one element). */
export const CustomerFilters = memo(function CustomerFilters({
  tags,
  members,
  searchRef,
  children,
  compact,
}: Props) {
  // Whether anything is searched, not the text: a keystroke renders nothing here (the box is
  // uncontrolled), only its first character and its clearing do.
  const searching = useCustomerListStore((state) => state.query.search !== '');
  const filterCount = useCustomerListStore(
    ({ query }) =>
      [query.lifecycle, query.tag, query.optIn, query.ownerId].filter((value) => value !== null)
        .length,
  );
  const setQuery = useCustomerListStore((state) => state.setQuery);
  const clearFilters = useCustomerListStore((state) => state.clearFilters);
  useSearchBoxFollowsStore(searchRef);
  const menu = useMenuDismiss();

  return (
    <FilterBar
      role="search"
      className={compact ? 'toolbar-one-line' : undefined}
      active={filterCount > 0 || searching}
      onClear={clearFilters}
      clearLabel="Clear"
    >
      <input
        ref={searchRef}
        type="search"
        className="input search-input"
        aria-label="Search customers"
        placeholder="Search name, email, phone, tag, note  ( / )"
        defaultValue={useCustomerListStore.getState().query.search}
        onChange={(event) => {
          const search = event.target.value;
          // The worker is asked before React renders the keystroke (use-customers.ts).
          askCustomerListEarly({ ...useCustomerListStore.getState().query, search });
          setQuery({ search });
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setQuery({ search: '' });
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            document.querySelector<HTMLElement>('.customer-grid')?.focus();
          }
        }}
      />
      {compact ? (
        <details className="menu" ref={menu.ref} onKeyDown={menu.onKeyDown}>
          <summary className="btn btn-small">
            Filters{filterCount > 0 ? ` · ${filterCount}` : ''}
          </summary>
          <div className="menu-panel" role="group" aria-label="Filters">
            <FilterFields tags={tags} members={members} />
          </div>
        </details>
      ) : (
        <FilterFields tags={tags} members={members} />
      )}
      <SortSelect />
      {children}
    </FilterBar>
  );
});
