/** Turns IndexedDB failures into words a person can act on. */
export type StorageProblem = { title: string; detail: string; canExport: boolean };

function errorName(error: unknown): string {
  if (error && typeof error === 'object') {
    const inner = (error as { inner?: { name?: string } }).inner?.name;
    const name = (error as { name?: string }).name;
    return inner ?? name ?? '';
  }
  return '';
}

export function isQuotaError(error: unknown): boolean {
  return (
    /Quota/i.test(errorName(error)) ||
    /quota/i.test(String((error as Error | undefined)?.message ?? ''))
  );
}

export function describeStorageError(error: unknown): StorageProblem {
  const name = errorName(error);
  const message = error instanceof Error ? error.message : String(error);
  if (isQuotaError(error)) {
    return {
      title: 'The disk is full',
      detail:
        'Encore could not save because this computer has no room left for its data. Export a backup, then free some disk space.',
      canExport: true,
    };
  }
  if (name === 'VersionError') {
    return {
      title: 'This data was made by a newer Encore',
      detail: 'Update Encore CRM to open it. Nothing has been changed.',
      canExport: false,
    };
  }
  if (name === 'MissingAPIError' || name === 'InvalidStateError') {
    return {
      title: 'Storage is not available',
      detail:
        'This window cannot use local storage (a private window, or storage blocked in settings). Encore keeps all data locally and needs it.',
      canExport: false,
    };
  }
  return {
    title: 'Encore could not open its local data',
    detail: `The local database reported: ${message}. Your data has not been deleted. Try again, or export what can be read.`,
    canExport: true,
  };
}
