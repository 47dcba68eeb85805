import type { CSSProperties } from 'react';

/** Chart tooltips in the app's colours (recharts draws a white box by default, unreadable in dark). */
export const TOOLTIP_STYLE: CSSProperties = {
  background: 'var(--color-bg)',
  borderColor: 'var(--color-border)',
  color: 'var(--color-text)',
};

/** Each line of the tooltip: the text colour (recharts takes the series fill, black here). */
export const TOOLTIP_ITEM_STYLE: CSSProperties = { color: 'var(--color-text)' };
