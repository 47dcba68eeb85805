import { useLayoutEffect, useRef } from 'react';
import { formatDealDate } from '../../domain/deals/deal-display';
import type { CalendarShow, CalendarSpan } from '../../domain/reports/show-calendar';
import { userLocale } from '../../hooks/settings/user-locale';
import type { EventDeal, IsoDate } from '../../domain/records';
import { ShowChip } from './ShowChip';

type Props = {
  span: CalendarSpan;
  week: boolean;
  today: IsoDate;
  shows: Map<IsoDate, CalendarShow<EventDeal>[]>;
  artistOf(dealId: string): string | null;
  onOpen(id: string): void;
  onMove(dealId: string, date: IsoDate): void;
};

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The month or week as a grid of days; a day is a drop target for a dragged show. */
export function ShowCalendarGrid({ span, week, today, shows, artistOf, onOpen, onMove }: Props) {
  const grid = useRef<HTMLDivElement>(null);
  // A show moved with the keyboard is drawn again in its new day, which drops the focus: the
  // focus follows it there, so Alt+arrows can be pressed again (until the focus goes elsewhere).
  const follow = useRef<{ id: string; date: IsoDate } | null>(null);
  useLayoutEffect(() => {
    const target = follow.current;
    if (!target || !grid.current) return;
    const active = document.activeElement;
    const chip = grid.current.querySelector<HTMLElement>(
      `[data-date="${target.date}"] [data-deal-id="${target.id}"]`,
    );
    if (chip) {
      chip.focus();
      follow.current = null;
    } else if (active && active !== document.body && !grid.current.contains(active)) {
      follow.current = null;
    }
  });
  const shift = (deal: EventDeal, days: number) => {
    if (!deal.event_date) return;
    const date = new Date(`${deal.event_date}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + days);
    const next = date.toISOString().slice(0, 10);
    follow.current = span.days.includes(next) ? { id: deal.id, date: next } : null;
    onMove(deal.id, next);
  };
  return (
    <div
      ref={grid}
      className={week ? 'show-grid show-grid-week' : 'show-grid'}
      role="grid"
      aria-label={span.title}
    >
      <div role="row" className="show-grid-head">
        {WEEKDAYS.map((day) => (
          <div role="columnheader" key={day}>
            {day}
          </div>
        ))}
      </div>
      {Array.from({ length: span.days.length / 7 }, (_, w) => (
        <div role="row" className="show-grid-week-row" key={w}>
          {span.days.slice(w * 7, w * 7 + 7).map((date) => {
            const list = shows.get(date) ?? [];
            const classes = ['show-day'];
            if (!span.inPeriod.has(date)) classes.push('show-day-outside');
            if (date === today) classes.push('show-day-today');
            return (
              <div
                role="gridcell"
                key={date}
                className={classes.join(' ')}
                data-date={date}
                onDragOver={(event) => {
                  if (event.dataTransfer.types.includes('text/x-encore-deal'))
                    event.preventDefault();
                }}
                onDrop={(event) => {
                  const id = event.dataTransfer.getData('text/x-encore-deal');
                  if (!id) return;
                  event.preventDefault();
                  onMove(id, date);
                }}
              >
                {/* Named by its text (a label unlike the shown number would hide the shows). */}
                <span className="show-day-number">
                  <span aria-hidden="true">{Number(date.slice(8))}</span>
                  <span className="visually-hidden">
                    {`${formatDealDate(date, userLocale())}: ${list.length === 0 ? 'no shows' : `${list.length} ${list.length === 1 ? 'show' : 'shows'}`}`}
                  </span>
                </span>
                {list.map(({ deal, conflict }) => (
                  <ShowChip
                    key={deal.id}
                    deal={deal}
                    artist={artistOf(deal.id)}
                    conflict={conflict}
                    onOpen={onOpen}
                    onShift={shift}
                  />
                ))}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
