import type { KeyboardEvent } from 'react';
import { holdLabel, statusLabel } from '../../domain/deals/statuses';
import type { EventDeal } from '../../domain/records';

type Props = {
  deal: EventDeal;
  artist: string | null;
  conflict: boolean;
  onOpen(id: string): void;
  /** Moves the deal by this many days (the keyboard's alternative to dragging). */
  onShift(deal: EventDeal, days: number): void;
};

const SHIFTS: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };

function statusText(deal: EventDeal): string {
  return deal.status === 'hold' && deal.hold_level
    ? holdLabel(deal.hold_level)
    : statusLabel(deal.status);
}

/**
 * One show on the calendar: a button (Enter opens the deal) that drags to another day, or
 * moves with Alt+arrows (a day left or right, a week up or down).
 */
export function ShowChip({ deal, artist, conflict, onOpen, onShift }: Props) {
  const onKeyDown = (event: KeyboardEvent) => {
    const days = SHIFTS[event.key];
    if (!event.altKey || days === undefined) return;
    event.preventDefault();
    onShift(deal, days);
  };
  return (
    <button
      type="button"
      draggable
      className={`show-chip show-${deal.status}${conflict ? ' show-conflict' : ''}`}
      data-deal-id={deal.id}
      onClick={() => onOpen(deal.id)}
      onKeyDown={onKeyDown}
      onDragStart={(event) => {
        event.dataTransfer.setData('text/x-encore-deal', deal.id);
        event.dataTransfer.effectAllowed = 'move';
      }}
    >
      {/* Named by its text, with what the eye gets from colour and layout said in words. */}
      <span className="show-title">{artist ?? deal.title}</span>
      {artist && <span className="visually-hidden">, {deal.title}</span>}
      <span className="visually-hidden">, </span>
      {/* Status first: in a narrow day the venue gives way, not the status or hold level. */}
      <span className="show-meta">
        <span className="show-status">{statusText(deal)}</span> · {deal.venue || 'No venue'}
      </span>
      {conflict && (
        <span className="show-conflict-mark">
          <span className="visually-hidden">, same-night </span>Conflict
        </span>
      )}
      <span className="visually-hidden">. Alt+arrows move it.</span>
    </button>
  );
}
