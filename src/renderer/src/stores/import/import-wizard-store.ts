/** The import wizard's UI state: which step, and what the user chose so far. Never database rows. */
import { create } from 'zustand';
import type { CsvSniff } from '@shared/csv';
import type { ColumnMapping } from '../../domain/import/mapping';
import type { MergePolicy } from '../../domain/import/plan';
import type { RegionSuggestion } from '../../domain/import/region-suggestion';
import type { DateFormat } from '../../domain/import/values';
import type { CommitResult, ReadProgress, WriteProgress } from '../../services/crm/import-service';
import type { WindowAnalysis } from '../../services/crm/import/window-analysis';
import type { PickedFile } from '../../workers/import-client';

export type WizardStep =
  'file' | 'dialect' | 'mapping' | 'validation' | 'plan' | 'progress' | 'summary';

export const WIZARD_STEPS: { step: WizardStep; label: string }[] = [
  { step: 'file', label: 'File' },
  { step: 'dialect', label: 'Header & format' },
  { step: 'mapping', label: 'Columns' },
  { step: 'validation', label: 'Check' },
  { step: 'plan', label: 'Plan' },
  { step: 'progress', label: 'Import' },
  { step: 'summary', label: 'Summary' },
];

type WizardState = {
  step: WizardStep;
  file: PickedFile | null;
  sniff: CsvSniff | null;
  headerRow: number;
  mapping: ColumnMapping[];
  mappingFromSaved: boolean;
  region: string;
  /** The region the file itself points to, and why; null when it says nothing. */
  regionSuggestion: RegionSuggestion | null;
  dateFormat: DateFormat;
  /** Counts and a summary; the rows with issues stay in the import worker (read by page). */
  analysis: WindowAnalysis | null;
  reading: ReadProgress | null;
  policy: MergePolicy;
  progress: WriteProgress | null;
  result: CommitResult | null;
  /** An interrupted job this run continues. */
  resumeJobId: string | null;
  busy: boolean;
  error: string | null;
  set(patch: Partial<Omit<WizardState, 'set' | 'reset'>>): void;
  reset(): void;
};

const initial = {
  step: 'file' as WizardStep,
  file: null,
  sniff: null,
  headerRow: 0,
  mapping: [],
  mappingFromSaved: false,
  region: 'US',
  regionSuggestion: null,
  dateFormat: 'YYYY-MM-DD' as DateFormat,
  analysis: null,
  reading: null,
  policy: 'fill-blanks' as MergePolicy,
  progress: null,
  result: null,
  resumeJobId: null,
  busy: false,
  error: null,
};

export const useImportWizard = create<WizardState>((set) => ({
  ...initial,
  set: (patch) => set(patch),
  reset: () => set(initial),
}));
