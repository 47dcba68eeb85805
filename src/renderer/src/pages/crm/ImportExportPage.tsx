import { useEffect } from 'react';
import { ImportHistory } from '../../components/import/ImportHistory';
import { ImportWizard } from '../../components/import/ImportWizard';
import { crm } from '../../services/registry';
import { importClient } from '../../workers/import-client';

// Once per window: a job still "running" that this window is not writing was cut off.
let interruptedChecked = false;

export function ImportExportPage() {
  useEffect(() => {
    if (interruptedChecked || importClient.isWriting()) return;
    interruptedChecked = true;
    // A job whose writer is still letting go (its window just closed) is marked once it has.
    void crm()
      .imports.markInterrupted()
      .then(() => crm().imports.markInterruptedWhenReleased());
    // Rows staged by wizards whose window closed or crashed (nobody holds their lock).
    void crm().imports.dropAbandonedStaging();
  }, []);
  return (
    <>
      <header className="page-header">
        <h1 className="page-title">Import</h1>
      </header>
      <div className="page-body">
        <ImportWizard />
        <ImportHistory />
      </div>
    </>
  );
}
