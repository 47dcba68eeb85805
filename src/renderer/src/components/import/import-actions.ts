/** Imports once written, as actions (app/actions); the wizard's steps are wizard-actions.ts. */
import { defineAction } from '../../app/actions/define';
import { ok } from '../../domain/result';
import type { UndoPreview } from '../../services/crm/import/import-undo';
import { crm } from '../../services/registry';
import { downloadErrorReport } from './error-report';

export const goToImport = defineAction({
  id: 'go-import',
  label: 'Import customers from a CSV file',
  perform: (_, { navigate }) => navigate('/import'),
});

export const saveErrorReport = defineAction<{ jobId: string; fileName: string }>({
  id: 'save-error-report',
  label: 'Download error report',
  perform: async ({ jobId, fileName }) =>
    downloadErrorReport(fileName, await crm().imports.errorReport(jobId)),
});

export const previewImportUndo = defineAction<string, UndoPreview>({
  id: 'preview-import-undo',
  label: 'Check what undoing an import does',
  perform: async (jobId) => ok(await crm().imports.undoPreview(jobId)),
});

export const undoImport = defineAction<string, UndoPreview>({
  id: 'undo-import',
  label: 'Undo import',
  perform: async (jobId) => ok(await crm().imports.undo(jobId)),
});

export const importActions = [goToImport];
