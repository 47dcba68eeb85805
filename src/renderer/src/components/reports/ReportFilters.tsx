import type { TeamMember } from '../../domain/records';
import type { FilterProblem } from '../../domain/reports/filter';
import type { ReportChoices } from '../../services/crm/reports/report-engine';
import { QUIET_DAY_CHOICES, useReportFilterStore } from '../../stores/reports/report-filter-store';
import { FilterBar, FilterSelect, optionsOf } from '../ui/FilterBar';
import { OwnerSelect } from '../ui/OwnerSelect';

type Props = {
  members: readonly TeamMember[];
  choices: ReportChoices;
  problems: readonly FilterProblem[];
};

/** The dashboard's filters: dates, owner, currency, tag (docs/reports.md says what each means). */
export function ReportFilters({ members, choices, problems }: Props) {
  const filter = useReportFilterStore((state) => state.filter);
  const setFilter = useReportFilterStore((state) => state.setFilter);
  const clearFilter = useReportFilterStore((state) => state.clearFilter);
  const quietDays = useReportFilterStore((state) => state.quietDays);
  const setQuietDays = useReportFilterStore((state) => state.setQuietDays);
  const active = Object.values(filter).some((value) => value !== null);
  return (
    <>
      <FilterBar label="Report filters" active={active} onClear={clearFilter}>
        <label className="deal-filter-date">
          <span>From</span>
          <input
            className="input"
            type="date"
            aria-label="From date"
            value={filter.from ?? ''}
            onChange={(event) => setFilter('from', event.target.value || null)}
          />
        </label>
        <label className="deal-filter-date">
          <span>to</span>
          <input
            className="input"
            type="date"
            aria-label="To date"
            value={filter.to ?? ''}
            onChange={(event) => setFilter('to', event.target.value || null)}
          />
        </label>
        <OwnerSelect
          aria-label="Owner"
          filter
          members={members}
          value={filter.ownerId}
          onChoose={(ownerId) => setFilter('ownerId', ownerId)}
        />
        <FilterSelect
          label="Currency"
          anyLabel="All currencies"
          value={filter.currency}
          options={optionsOf(choices.currencies, (code) => code)}
          onChange={(currency) => setFilter('currency', currency)}
        />
        <FilterSelect
          label="Tag"
          anyLabel="Any tag"
          value={filter.tag}
          options={choices.tags.map((tag) => ({ value: tag, label: tag }))}
          onChange={(tag) => setFilter('tag', tag)}
        />
        <label className="deal-filter-date">
          <span>Not touched in</span>
          <select
            className="select"
            aria-label="Not touched in"
            value={quietDays}
            onChange={(event) => setQuietDays(Number(event.target.value))}
          >
            {QUIET_DAY_CHOICES.map((days) => (
              <option key={days} value={days}>
                {days} days
              </option>
            ))}
          </select>
        </label>
      </FilterBar>
      {problems.length > 0 && (
        <ul className="report-problems" role="alert">
          {problems.map((problem) => (
            <li key={problem.field + problem.message}>{problem.message}</li>
          ))}
        </ul>
      )}
    </>
  );
}
