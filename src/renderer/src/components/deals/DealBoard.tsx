import type { DropResult } from '@hello-pangea/dnd';
import { DragDropContext, Draggable, Droppable } from '@hello-pangea/dnd';
import { memo, useState } from 'react';
import type { DealStatus } from '../../domain/deals/statuses';
import type { ColumnModel, DealCardModel } from './board-model';
import { sameCard, sameColumn } from './board-model';
import { cardLabel, DealCardBody } from './DealCard';
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
          <li
            ref={provided.innerRef}
            {...provided.draggableProps}
            {...provided.dragHandleProps}
            className={[
              'deal-card',
              card.stale ? 'deal-card-stale' : '',
              card.conflicts.length > 0 ? 'deal-card-conflict' : '',
              snapshot.isDragging ? 'deal-card-dragging' : '',
            ].join(' ')}
            aria-label={cardLabel(card)}
            data-deal-id={card.deal.id}
            onClick={() => onOpen(card.deal.id)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !snapshot.isDragging) onOpen(card.deal.id);
            }}
          >
            <DealCardBody card={card} />
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
  }: {
    column: ColumnModel;
    onOpen: (dealId: string) => void;
  }) {
    const [limit, setLimit] = useState(COLUMN_PAGE);
    const shown = column.cards.slice(0, limit);
    return (
      <section
        className={`deal-column deal-column-${column.status}`}
        aria-labelledby={`column-${column.status}`}
        data-status={column.status}
      >
        <DealColumnHeader column={column} />
        <Droppable droppableId={column.status}>
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
  (prev, next) => prev.onOpen === next.onOpen && sameColumn(prev.column, next.column),
);

/**
 * The pipeline board: a column per stage, cards dragged with the mouse or the keyboard (focus
 * a card, Space to lift, arrows to move, Space to drop, Escape to cancel).
 */
export function DealBoard({ columns, onMove, onOpen }: Props) {
  function handleDragEnd(result: DropResult) {
    const { destination, source, draggableId } = result;
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
    <DragDropContext onDragEnd={handleDragEnd}>
      <div className="deal-board" data-testid="deal-board">
        {columns.map((column) => (
          <BoardColumn key={column.status} column={column} onOpen={onOpen} />
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
              <li
                key={card.deal.id}
                className="deal-card"
                tabIndex={0}
                aria-label={cardLabel(card)}
                onClick={() => onOpen(card.deal.id)}
              >
                <DealCardBody card={card} />
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
