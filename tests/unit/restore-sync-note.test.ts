import { describe, expect, it } from 'vitest';
import { restoreSyncNote } from '../../src/renderer/src/components/backup/table-labels';

describe('the restore preview says what a restore means for the team', () => {
  it('with sync on: the team’s changes since the backup come back; the team is not rolled back', () => {
    const note = restoreSyncNote(true) ?? '';
    expect(note).toMatch(/pulled in again/);
    expect(note).toMatch(/does not roll back the team/);
  });

  it('with sync off it says nothing of the team', () => {
    expect(restoreSyncNote(false)).toBeNull();
  });
});
