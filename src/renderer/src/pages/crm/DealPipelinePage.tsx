import { run } from '../../app/actions/runner';
import { moveDeal } from '../../components/deals/deal-actions';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useCommandEvent } from '../../app/actions/use-command-event';
import type { BoardMove } from '../../components/deals/DealBoard';
import { DealBoard, PlainBoard } from '../../components/deals/DealBoard';
import { DealEmptyState } from '../../components/deals/DealEmptyState';
import { BoardScrollButtons, isShortWindow } from '../../components/deals/BoardScrollButtons';
import { DealFilters } from '../../components/deals/DealFilters';
import { NewDealDialog } from '../../components/deals/NewDealDialog';
import { RevenueSummary } from '../../components/deals/RevenueSummary';
import { applyPendingMove, buildColumns, stageSettings } from '../../components/deals/board-model';
import { offerToReleaseHolds } from '../../components/deals/release-offer';
import { matchesDealFilters } from '../../domain/deals/board-filter';
import { checkTransition, DEAL_STATUSES } from '../../domain/deals/statuses';
import { useReportingCurrency } from '../../hooks/settings/use-settings';
import { useTeamMembers } from '../../hooks/team/use-team';
import { useDealFilterChoices } from '../../hooks/deals/use-deal-filter-choices';
import { useBoard } from '../../hooks/deals/use-deals';
import type { BoardData } from '../../services/crm/deals/deal-queries';
import { crm } from '../../services/registry';
import { useDealBoardStore } from '../../stores/deals/deal-board-store';
import { showError } from '../../stores/toast-store';

/** A drop the database has not confirmed yet, and the board data it was made on. */
type Pending = { move: BoardMove; madeOn: BoardData; settled: boolean };

export function DealPipelinePage() {
  const liveBoard = useBoard();
  const members = useTeamMembers();
  const reportingCurrency = useReportingCurrency();
  const filters = useDealBoardStore((state) => state.filters);
  const forecastOpen = useDealBoardStore((state) => state.forecastOpen);
  const setForecastOpen = useDealBoardStore((state) => state.setForecastOpen);
  // Until chosen, a short window (a 700-pixel laptop) gives the board the room.
  const forecastShown = forecastOpen ?? !isShortWindow();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const plain = params.has('plain');
  const [creating, setCreatingState] = useState(false);
  // The dialog has no Radix trigger, so closing it left the focus on the page itself: it goes
  // back to what opened it (the New deal button of the header or of the empty board).
  const opener = useRef<HTMLElement | null>(null);
  const newDealButton = useRef<HTMLButtonElement>(null);
  const setCreating = useCallback((next: boolean) => {
    if (next) {
      const active = document.activeElement;
      opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
    } else
      setTimeout(() => {
        if (document.activeElement && document.activeElement !== document.body) return;
        const back = opener.current?.isConnected ? opener.current : newDealButton.current;
        back?.focus();
      });
    setCreatingState(next);
  }, []);
  const [pending, setPending] = useState<Pending | null>(null);
  useCommandEvent('new-deal', () => setCreating(true));

  // While a drop is being written, the board shown is the one the drop was made on (plus the
  // move): intermediate reads during the write are not rendered, so the write is not delayed.
  const board = pending && !pending.settled ? pending.madeOn : liveBoard;

  // Stage definitions are seeded on first use only: no write (and no lock on the stages) on
  // every visit to the board.
  const stageCount = liveBoard?.stages.length;
  useEffect(() => {
    if (stageCount !== undefined && stageCount < DEAL_STATUSES.length)
      void crm().deals.ensurePipeline();
  }, [stageCount]);

  const columns = useMemo(
    () => (board ? buildColumns(board, filters, new Date()) : []),
    [board, filters],
  );
  // Until the live query shows the written row, the card stays where it was dropped.
  const active =
    pending && (!pending.settled || pending.madeOn === liveBoard) ? pending.move : null;
  const shown = useMemo(() => applyPendingMove(columns, active), [columns, active]);
  const settings = useMemo(() => stageSettings(board?.stages ?? []), [board]);
  const reportStages = useMemo(
    () => ({ probability: settings.probability, staleAfter: settings.staleAfter }),
    [settings],
  );
  const visibleDeals = useMemo(
    () =>
      board
        ? board.deals.filter((d) => matchesDealFilters(d, filters, board.participantsByDeal))
        : [],
    [board, filters],
  );
  const { participants, currencies } = useDealFilterChoices(board);

  const handleOpen = useCallback((dealId: string) => navigate(`/deals/${dealId}`), [navigate]);

  async function handleMove(move: BoardMove) {
    if (!board) return;
    const deal = board.deals.find((d) => d.id === move.dealId);
    if (!deal) return;
    if (move.from !== move.to) {
      const check = checkTransition(move.from, move.to);
      if (!check.ok) {
        showError(check.message);
        return;
      }
    }
    // Start the write before re-rendering, so the transaction is queued first.
    performance.mark('deal-write-start');
    const write = run(moveDeal, {
      deal,
      to: move.to,
      place: { afterId: move.afterId, beforeId: move.beforeId },
    });
    setPending({ move, madeOn: board, settled: false });
    const result = await write;
    performance.mark('deal-persisted');
    performance.measure('deal-drop-to-persisted', 'deal-drop', 'deal-persisted');
    if (!result?.ok) {
      setPending(null);
      return;
    }
    setPending((current) => (current?.move === move ? { ...current, settled: true } : current));
    offerToReleaseHolds(deal, result.value.releasable);
  }

  const total = board?.deals.length;
  return (
    <>
      <header className="page-header">
        <h1 className="page-title">Deals</h1>
        <span className="page-subtitle" data-testid="deal-count">
          {total === undefined
            ? ''
            : visibleDeals.length === total
              ? `${total.toLocaleString()} ${total === 1 ? 'deal' : 'deals'}`
              : `${visibleDeals.length.toLocaleString()} of ${total.toLocaleString()}`}
        </span>
        <div className="page-actions">
          {total ? (
            <button
              type="button"
              className="btn btn-ghost"
              aria-expanded={forecastShown}
              aria-controls="deal-forecast"
              onClick={() => setForecastOpen(!forecastShown)}
            >
              {forecastShown ? 'Hide forecast' : 'Show forecast'}
            </button>
          ) : null}
          <button ref={newDealButton} className="btn btn-primary" onClick={() => setCreating(true)}>
            New deal
          </button>
        </div>
      </header>
      {total === 0 ? (
        <DealEmptyState onNewDeal={() => setCreating(true)} />
      ) : board ? (
        <>
          {forecastShown && (
            <div id="deal-forecast">
              <RevenueSummary deals={visibleDeals} filters={filters} stages={reportStages} />
            </div>
          )}
          <div className="deal-toolbar">
            <DealFilters members={members} participants={participants} currencies={currencies} />
            <BoardScrollButtons />
          </div>
          {plain ? (
            <PlainBoard columns={shown} onOpen={handleOpen} />
          ) : (
            <DealBoard
              columns={shown}
              onMove={(move) => void handleMove(move)}
              onOpen={handleOpen}
              onRefused={showError}
            />
          )}
        </>
      ) : (
        <div className="empty" aria-busy="true">
          Loading…
        </div>
      )}
      {/* Mounted when opened: its form takes the default currency of that moment (mounted
          with the page, it kept "USD" from before the settings and deals had loaded). */}
      {creating && (
        <NewDealDialog
          open
          onOpenChange={setCreating}
          members={members}
          defaultCurrency={filters.currency ?? reportingCurrency ?? currencies[0] ?? 'USD'}
        />
      )}
    </>
  );
}
