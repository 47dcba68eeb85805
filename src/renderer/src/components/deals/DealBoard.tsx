import type { DropResult } from '@hello-pangea/dnd';
import { DragDropContext, Draggable, Droppable } from '@hello-pangea/dnd';
import type { DragStart } from '@hello-pangea/dnd';
import type { KeyboardEvent } from 'react';
import { memo, useRef, useState } from 'react';
import { refusalMessage, refusalWhileDragging } from '../../domain/deals/drop-targets';
import type { DealStatus } from '../../domain/deals/statuses';
import type { ColumnModel, DealCardModel } from './board-model';
import { sameCard, sameColumn } from './board-model';
import { DealCardBody } from './DealCard';
import { DealColumnHeader } from './DealColumnHeader';

/** Cards rendered per column before "Show more": keeps 2,000 deals' first render fast. */
export const COLUMN_PAGE = 15;

export type BoardMove = {
  dealId: string;
  from: DealStatus;
  to: DealStatus;
  index: number;
  afterId: string | null;
  beforeId: string | null;
};

type Props = {
  columns: ColumnModel[];
  onMove: (move: BoardMove) => void;
  onOpen: (dealId: string) => void;
  /** A card let go over a stage that refuses it: the status model's sentence. */
  onRefused?: (message: string) => void;
};

const DraggableCard = memo(
  function DraggableCard({
    card,
    index,
    onOpen,
  }: {
    card: DealCardModel;
    index: number;
    onOpen: (dealId: string) => void;
  }) {
    return (
      <Draggable draggableId={card.deal.id} index={index}>
        {(provided, snapshot) => (
          // The list item is only the slot (the library measures its margin); the card in
          // it is the drag handle, a button named by what it shows.
          <li ref={provided.innerRef} {...provided.draggableProps} className="deal-card-slot">
            <div
              {...provided.dragHandleProps}
              className={[
                'deal-card',
                card.stale ? 'deal-card-stale' : '',
                card.conflicts.length > 0 ? 'deal-card-conflict' : '',
                snapshot.isDragging ? 'deal-card-dragging' : '',
              ].join(' ')}
              data-deal-id={card.deal.id}
              onClick={() => onOpen(card.deal.id)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && !snapshot.isDragging) onOpen(card.deal.id);
              }}
            >
              <DealCardBody card={card} />
            </div>
          </li>
        )}
      </Draggable>
    );
  },
  (prev, next) =>
    prev.index === next.index && prev.onOpen === next.onOpen && sameCard(prev.card, next.card),
);

const BoardColumn = memo(
  function BoardColumn({
    column,
    onOpen,
    refused,
  }: {
    column: ColumnModel;
    onOpen: (dealId: string) => void;
    /** While a card is dragged: why this stage refuses it, or null. */
    refused: string | null;
  }) {
    const [limit, setLimit] = useState(COLUMN_PAGE);
    const shown = column.cards.slice(0, limit);
    return (
      <section
        className={`deal-column deal-column-${column.status}${refused ? ' deal-column-refused' : ''}`}
        aria-labelledby={`column-${column.status}`}
        data-status={column.status}
        data-refused={refused ? 'true' : undefined}
      >
        <DealColumnHeader column={column} />
        {refused && (
          <p className="deal-column-refusal" role="note">
            {refused}
          </p>
        )}
        <Droppable droppableId={column.status} isDropDisabled={refused !== null}>
          {(provided, snapshot) => (
            <ol
              ref={provided.innerRef}
              {...provided.droppableProps}
              className={`deal-column-cards ${snapshot.isDraggingOver ? 'deal-column-over' : ''}`}
              aria-label={`${column.label} deals`}
            >
              {shown.map((card, index) => (
                <DraggableCard key={card.deal.id} card={card} index={index} onOpen={onOpen} />
              ))}
              {provided.placeholder}
            </ol>
          )}
        </Droppable>
        {column.cards.length > limit && (
          <button
            type="button"
            className="btn btn-ghost btn-small deal-column-more"
            onClick={() => setLimit(limit + COLUMN_PAGE * 2)}
          >
            Show {Math.min(COLUMN_PAGE * 2, column.cards.length - limit)} more of{' '}
            {column.cards.length - limit}
          </button>
        )}
      </section>
    );
  },
  (prev, next) =>
    prev.onOpen === next.onOpen &&
    prev.refused === next.refused &&
    sameColumn(prev.column, next.column),
);

/**
 * The stage under the pointer, by the columns' boxes (a refused stage takes no drop, so the
 * library cannot say; the dragged card itself sits under the pointer, inside its own column).
 */
function stageAt(point: { x: number; y: number } | null): DealStatus | null {
  if (!point) return null;
  for (const column of document.querySelectorAll<HTMLElement>('section[data-status]')) {
    const box = column.getBoundingClientRect();
    if (point.x >= box.left && point.x <= box.right && point.y >= box.top && point.y <= box.bottom)
      return column.dataset.status as DealStatus;
  }
  return null;
}

/** Where the pointer is during a drag: only to name the refused stage a card was let go on. */
function usePointerDuringDrag() {
  const point = useRef<{ x: number; y: number } | null>(null);
  const listener = useRef<((event: PointerEvent | MouseEvent) => void) | null>(null);
  return {
    start() {
      const track = (event: PointerEvent | MouseEvent) => {
        point.current = { x: event.clientX, y: event.clientY };
      };
      listener.current = track;
      window.addEventListener('mousemove', track);
    },
    stop() {
      if (listener.current) window.removeEventListener('mousemove', listener.current);
      listener.current = null;
      const last = point.current;
      point.current = null;
      return last;
    },
  };
}

/** ←/→ on the board itself (not on a card, where arrows move a lifted card) scroll the stages. */
function scrollStagesByKey(event: KeyboardEvent<HTMLDivElement>) {
  if (event.target !== event.currentTarget) return;
  const step = { ArrowRight: 260, ArrowLeft: -260, End: 1e6, Home: -1e6 }[event.key];
  if (step === undefined) return;
  event.preventDefault();
  event.currentTarget.scrollBy({ left: step, behavior: 'smooth' });
}

/**
 * The pipeline board: a column per stage, cards dragged with the mouse or the keyboard (focus
 * a card, Space to lift, arrows to move, Space to drop, Escape to cancel).
 */
export function DealBoard({ columns, onMove, onOpen, onRefused }: Props) {
  const [dragFrom, setDragFrom] = useState<DealStatus | null>(null);
  const pointer = usePointerDuringDrag();

  function handleDragStart(start: DragStart) {
    setDragFrom(start.source.droppableId as DealStatus);
    pointer.start();
  }

  function handleDragEnd(result: DropResult) {
    const { destination, source, draggableId } = result;
    setDragFrom(null);
    const last = pointer.stop();
    // Let go over a refused stage: the library reports no destination (or the card's home),
    // so the stage under the pointer says why the card went back.
    const over = stageAt(last);
    if (over && over !== source.droppableId) {
      const message = refusalMessage(source.droppableId as DealStatus, over);
      if (message) {
        onRefused?.(message);
        return;
      }
    }
    if (!destination) return;
    if (destination.droppableId === source.droppableId && destination.index === source.index)
      return;
    const to = destination.droppableId as DealStatus;
    const target = columns.find((c) => c.status === to);
    const others = (target?.cards ?? []).filter((card) => card.deal.id !== draggableId);
    performance.mark('deal-drop');
    onMove({
      dealId: draggableId,
      from: source.droppableId as DealStatus,
      to,
      index: destination.index,
      afterId: others[destination.index - 1]?.deal.id ?? null,
      beforeId: others[destination.index]?.deal.id ?? null,
    });
  }

  return (
    <DragDropContext onDragStart={handleDragStart} onDragEnd={handleDragEnd}>
      <div
        id="deal-board"
        className={`deal-board${dragFrom ? ' deal-board-dragging' : ''}`}
        data-testid="deal-board"
        tabIndex={0}
        role="region"
        aria-label="Deal stages: ← and → scroll sideways"
        onKeyDown={scrollStagesByKey}
      >
        {columns.map((column) => (
          <BoardColumn
            key={column.status}
            column={column}
            onOpen={onOpen}
            refused={refusalWhileDragging(dragFrom, column.status)}
          />
        ))}
      </div>
    </DragDropContext>
  );
}

/** The same cards without drag and drop: the benchmark's ceiling (`#/deals?plain`). */
export function PlainBoard({ columns, onOpen }: Omit<Props, 'onMove'>) {
  return (
    <div className="deal-board" data-testid="deal-board">
      {columns.map((column) => (
        <section
          key={column.status}
          className="deal-column"
          aria-labelledby={`column-${column.status}`}
        >
          <DealColumnHeader column={column} />
          <ol className="deal-column-cards" aria-label={`${column.label} deals`}>
            {column.cards.slice(0, COLUMN_PAGE).map((card) => (
              <li key={card.deal.id} className="deal-card-slot">
                <div
                  className="deal-card"
                  role="button"
                  tabIndex={0}
                  onClick={() => onOpen(card.deal.id)}
                >
                  <DealCardBody card={card} />
                </div>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
