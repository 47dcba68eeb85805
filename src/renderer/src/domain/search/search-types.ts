/**
 * The contract between the customer search engine and whoever feeds it (the search worker):
 * one document per live customer in, ordered ids out. See docs/search.md.
 */
import type { Lifecycle } from '../records';

/** What the engine knows about one customer. */
export type SearchDoc = {
  /** Customer id: usually UUIDv7 text, but any string works. */
  id: string;
  first_name: string;
  last_name: string;
  /** Every live email, normalized (trimmed, lower-cased). */
  emails: string[];
  /** Every live phone in E.164 ("+4930123456"). */
  phones: string[];
  tags: string[];
  notes: string;
  lifecycle: Lifecycle;
  /** '' = no owner. */
  owner_id: string;
  email_opt_in: 0 | 1;
  sms_opt_in: 0 | 1;
  /** The list's name sort key (already folded); compared in JS string order. */
  sort_name: string;
  /** ISO-8601 with milliseconds and 'Z'; last_touch_at may be ''. */
  created_at: string;
  updated_at: string;
  last_touch_at: string;
  /**
   * The engagement log-score L (domain/reports/engagement-score.ts): it orders customers as
   * their engagement score does at any moment. Absent or NO_ENGAGEMENT_LOG: never touched.
   */
  engagement_log?: number;
};

export type SearchSort = 'name' | 'created' | 'updated' | 'last_touch' | 'score';
export type SearchDirection = 'asc' | 'desc';

/** The list's query: the same shape as the customer list's query in services/. */
export type SearchQuery = {
  search: string;
  lifecycle: Lifecycle | null;
  /** An exact tag. */
  tag: string | null;
  optIn: 'email' | 'sms' | null;
  /** A member id, '' for "no owner", null for anyone. */
  ownerId: string | null;
  sort: SearchSort;
  direction: SearchDirection;
};

export type SearchWindow = { offset: number; limit: number };

/**
 * One window of the results: every exact match in the sort order, then every close match
 * (a typo away) in the same order. Counts are exact numbers over the whole result.
 */
export type SearchResult = {
  exactCount: number;
  closeCount: number;
  /** The ids from `offset`, at most `limit` of them. */
  ids: string[];
  /** Where the close matches start within `ids` (ids.length when the window has none). */
  firstCloseIndex: number;
};
