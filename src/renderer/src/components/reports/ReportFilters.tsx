import type { TeamMember } from '../../domain/records';
import type { FilterProblem } from '../../domain/reports/filter';
import type { ReportChoices } from '../../services/crm/reports/report-engine';
import { QUIET_DAY_CHOICES, useReportFilterStore } from '../../stores/reports/report-filter-store';
import { FilterBar, FilterDate, FilterSelect, optionsOf } from '../ui/FilterBar';
import { OwnerSelect } from '../ui/OwnerSelect';

type Props = {
  members: readonly TeamMember[];
  choices: ReportChoices;
  problems: readonly FilterProblem[];
};

const DEFAULT_PERIOD = 'No date chosen: each figure shows its usual period, said under its title';

/**
 * A date of the range. Empty, it says "Default" (each figure's own period applies, said in
 * its caption) where the browser would show a blank "mm/dd/yyyy"; focused, the date fields.
 */
function ReportDate(props: {
  label: string;
  value: string | null;
  onChange(value: string | null): void;
}) {
  const { label, value, onChange } = props;
  return (
    <FilterDate
      className="report-filter-date"
      label={label}
      name={`${label === 'to' ? 'To' : label} date`}
      value={value}
      onChange={onChange}
      emptyText="Default"
      emptyMeaning={DEFAULT_PERIOD}
    />
  );
}

/**
 * "Not touched in N days": the N of the engagement figures, beside them (not in the page's
 * filter bar: it filters nothing else, and it pushed the bar onto two lines at 1024 wide).
 */
export function QuietDaysSelect() {
  const quietDays = useReportFilterStore((state) => state.quietDays);
  const setQuietDays = useReportFilterStore((state) => state.setQuietDays);
  return (
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
  );
}

/** The dashboard's filters: dates, owner, currency, tag (docs/reports.md says what each means). */
export function ReportFilters({ members, choices, problems }: Props) {
  const filter = useReportFilterStore((state) => state.filter);
  const setFilter = useReportFilterStore((state) => state.setFilter);
  const clearFilter = useReportFilterStore((state) => state.clearFilter);
  const active = Object.values(filter).some((value) => value !== null);
  return (
    <>
      <FilterBar
        label="Report filters"
        className="report-filters"
        active={active}
        onClear={clearFilter}
      >
        <ReportDate label="From" value={filter.from} onChange={(from) => setFilter('from', from)} />
        <ReportDate label="to" value={filter.to} onChange={(to) => setFilter('to', to)} />
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
