/** The board is taller than a short laptop's window allows for the forecast strip too. */
export function isShortWindow(): boolean {
  return typeof window !== 'undefined' && window.matchMedia('(max-height: 760px)').matches;
}

function scrollBoard(by: number) {
  document.getElementById('deal-board')?.scrollBy({ left: by, behavior: 'smooth' });
}

/** Stages sideways with the mouse (besides Shift+wheel and ←/→ on the focused board). */
export function BoardScrollButtons() {
  return (
    <div className="deal-board-scroll" role="group" aria-label="Scroll stages">
      <button
        type="button"
        className="btn btn-small"
        aria-label="Earlier stages"
        aria-controls="deal-board"
        onClick={() => scrollBoard(-260)}
      >
        ‹
      </button>
      <button
        type="button"
        className="btn btn-small"
        aria-label="Later stages"
        aria-controls="deal-board"
        onClick={() => scrollBoard(260)}
      >
        ›
      </button>
    </div>
  );
}
