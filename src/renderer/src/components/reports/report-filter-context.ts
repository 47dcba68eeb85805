import { createContext } from 'react';

/**
 * The page's filters in words, asked when a chart is exported. A function that reads the
 * latest filter (one stable value): a filter change re-renders no figure through it.
 */
export const ReportFilterWords = createContext<() => string>(() => 'No filters');
