import { useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { run } from '../../app/actions/runner';
import { ShowCalendarGrid } from '../../components/calendar/ShowCalendarGrid';
import { calendarTitle } from '../../components/calendar/calendar-title';
import { rescheduleDeal } from '../../components/deals/deal-actions';
import { DealFilters } from '../../components/deals/DealFilters';
import { hasDealFilters, matchesDealFilters } from '../../domain/deals/board-filter';
import { formatDealDate } from '../../domain/deals/deal-display';
import type { IsoDate } from '../../domain/records';
import type { CalendarView } from '../../domain/reports/show-calendar';
import {
  calendarSpan,
  nearestShow,
  shiftAnchor,
  showsByDay,
} from '../../domain/reports/show-calendar';
import { useDealFilterChoices } from '../../hooks/deals/use-deal-filter-choices';
import { useBoard } from '../../hooks/deals/use-deals';
import { userLocale } from '../../hooks/settings/user-locale';
import { useTeamMembers } from '../../hooks/team/use-team';
import { useDealBoardStore } from '../../stores/deals/deal-board-store';

function localToday(): IsoDate {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The calendar of shows: deals by event date in a month or a week, with the board's filters
 * (the same store: a filter set on the board applies here too). Drag a show to another day,
 * or Alt+arrows on it; the deal service keeps the status rules and moves holds up behind it.
 */
export function ShowCalendarPage() {
  const board = useBoard();
  const members = useTeamMembers();
  const filters = useDealBoardStore((state) => state.filters);
  const navigate = useNavigate();
  const today = localToday();
  const [view, setView] = useState<CalendarView>('month');
  const [anchor, setAnchor] = useState<IsoDate>(today);
  const span = useMemo(() => calendarSpan(view, anchor), [view, anchor]);
  const visible = useMemo(
    () =>
      board
        ? board.deals.filter((d) => matchesDealFilters(d, filters, board.participantsByDeal))
        : [],
    [board, filters],
  );
  const shows = useMemo(() => showsByDay(visible, span), [visible, span]);
  const artistOf = useCallback(
    (dealId: string) => {
      const artist = board?.participantsByDeal.get(dealId)?.find((p) => p.role === 'artist');
      return artist ? (board?.names.get(artist.customer_id) ?? null) : null;
    },
    [board],
  );
  const onMove = useCallback(
    (id: string, date: IsoDate) => {
      const deal = board?.deals.find((d) => d.id === id);
      if (!deal || deal.event_date === date) return;
      void run(rescheduleDeal, { id, title: deal.title, date });
    },
    [board],
  );
  const { participants, currencies } = useDealFilterChoices(board);
  const inPeriod = visible.filter((d) => d.event_date && span.inPeriod.has(d.event_date)).length;
  const nearest = useMemo(
    () => (inPeriod === 0 ? nearestShow(visible, span) : null),
    [inPeriod, visible, span],
  );
  return (
    <>
      <header className="page-header">
        <h1 className="page-title">Calendar</h1>
        <span className="page-subtitle" data-testid="calendar-title">
          {calendarTitle(view, span, userLocale())} · {inPeriod.toLocaleString()}{' '}
          {inPeriod === 1 ? 'show' : 'shows'}
        </span>
        <div className="page-actions">
          <div className="segmented" role="group" aria-label="Calendar view">
            {(['month', 'week'] as const).map((v) => (
              <button
                key={v}
                type="button"
                className="segmented-item"
                aria-pressed={view === v}
                onClick={() => setView(v)}
              >
                {v === 'month' ? 'Month' : 'Week'}
              </button>
            ))}
          </div>
          <button
            type="button"
            className="btn btn-small"
            aria-label={`Previous ${view}`}
            onClick={() => setAnchor(shiftAnchor(view, anchor, -1))}
          >
            ‹
          </button>
          <button type="button" className="btn btn-small" onClick={() => setAnchor(today)}>
            Today
          </button>
          <button
            type="button"
            className="btn btn-small"
            aria-label={`Next ${view}`}
            onClick={() => setAnchor(shiftAnchor(view, anchor, 1))}
          >
            ›
          </button>
        </div>
      </header>
      <DealFilters
        className="show-calendar-filters"
        members={members ?? []}
        participants={participants}
        currencies={currencies}
      />
      <div className="page-body show-calendar">
        {!board ? (
          <div className="empty" aria-busy="true">
            Loading…
          </div>
        ) : (
          <div className="show-calendar-frame">
            <ShowCalendarGrid
              span={span}
              week={view === 'week'}
              today={today}
              shows={shows}
              artistOf={artistOf}
              onOpen={(id) => navigate(`/deals/${id}`)}
              onMove={onMove}
            />
            {inPeriod === 0 && (
              // Over the grid, letting drags and clicks through to the days (its button aside):
              // a blank grid said nothing, a tall one in the week view.
              <div className="show-calendar-note" role="status" data-testid="calendar-empty">
                <p className="show-calendar-note-text">
                  {`No shows this ${view}`}
                  {hasDealFilters(filters) ? ' with these filters' : ''}
                </p>
                {nearest ? (
                  <button
                    type="button"
                    className="btn btn-small show-calendar-note-action"
                    onClick={() => setAnchor(nearest.date)}
                  >
                    {nearest.later ? 'Next show' : 'Last show'}:{' '}
                    {formatDealDate(nearest.date, userLocale())}
                    {nearest.later ? ' ›' : ''}
                  </button>
                ) : (
                  <p className="show-calendar-note-hint">
                    Deals with an event date appear here; drag one to move its date.
                  </p>
                )}
              </div>
            )}
          </div>
        )}
      </div>
    </>
  );
}
