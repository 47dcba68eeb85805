/**
 * The dashboard's filters in words, for what leaves the page (an exported chart): "Filters:
 * from Jan 1, 2026 to Mar 31, 2026 · owner Alex Moreno · EUR only · tag VIP", or that none
 * is set. Dates as the board writes them.
 */
import { formatDealDate } from '../../domain/deals/deal-display';
import type { ReportFilter } from '../../domain/reports/filter';

export function describeReportFilter(
  filter: ReportFilter,
  ownerName: (id: string) => string | undefined,
  locale: string | undefined,
): string {
  const parts: string[] = [];
  const day = (date: string) => formatDealDate(date, locale);
  if (filter.from && filter.to) parts.push(`from ${day(filter.from)} to ${day(filter.to)}`);
  else if (filter.from) parts.push(`from ${day(filter.from)}`);
  else if (filter.to) parts.push(`up to ${day(filter.to)}`);
  if (filter.ownerId === '') parts.push('no owner');
  else if (filter.ownerId !== null)
    parts.push(`owner ${ownerName(filter.ownerId) ?? 'a removed team member'}`);
  if (filter.currency) parts.push(`${filter.currency} deals only`);
  if (filter.tag) parts.push(`tag ${filter.tag}`);
  return parts.length === 0 ? 'No filters' : `Filters: ${parts.join(' · ')}`;
}
