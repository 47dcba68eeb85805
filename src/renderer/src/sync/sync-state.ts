/** Keys of the sync client's own bookkeeping in sync_state (local, never synced). */
export const SYNC_KEYS = {
  clientId: 'client_id',
  nextPushSeq: 'next_push_seq',
  cursor: 'pull_cursor',
  lastSyncedAt: 'last_synced_at',
  rejected: 'rejected_rows',
  /** The latest clock seen on any pulled field: the floor when the local clock restarts. */
  remoteClockMax: 'remote_hlc_max',
  /**
   * Other laptops' fixes a pull has brought so far (arrived-fixes.ts), kept with each page
   * until a pull completes: an interrupted pull does not pull those rows again.
   */
  arrivedFixes: 'pull_arrived_fixes',
  /**
   * The conflict groups (tasks, link ends, addresses) a pull's pages touched, kept with each
   * page until a pull completes and settles them (resolve.ts, settleConflicts): an interrupted
   * pull's groups are settled by the next pull that completes.
   */
  touchedGroups: 'pull_touched_groups',
  /** What the conflict rules fixed on pull (resolved-log.ts), for "Resolved on sync". */
  resolvedConflicts: 'resolved_conflicts',
  /** Customers that claimed one email address, proposed for merging (docs/sync.md). */
  proposedDuplicates: 'proposed_duplicates',
  /** Set when the server said an admin revoked this computer's token (revoked.ts). */
  revokedAt: 'token_revoked_at',
} as const;
