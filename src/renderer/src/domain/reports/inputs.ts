/**
 * What the reports read: the fields of each table a figure uses, nothing more, so a worker
 * can be sent plain arrays (structured clone) and the figures stay testable with literals.
 * Deleted rows may be passed; every figure leaves tombstones out.
 */
import type { DealStatus } from '../deals/statuses';
import type {
  CrmTask,
  CrmTaskAssignment,
  CustomerListRow,
  CustomerOrigin,
  DealParticipant,
  DealStatusChange,
  EngagementTouchpoint,
  EventDeal,
  TeamMember,
} from '../records';
import type { DayNumber } from './calendar';
import type { CustomerIndex } from './customer-index';
import type { RateBook } from './exchange-rates';
import type { ZoneDays } from './zone-days';

export type ReportDeal = Pick<
  EventDeal,
  | 'id'
  | 'title'
  | 'event_date'
  | 'venue'
  | 'amount_minor'
  | 'currency'
  | 'status'
  | 'hold_level'
  | 'probability'
  | 'owner_id'
  | 'created_at'
  | 'updated_at'
  | 'last_activity_at'
  | 'deleted'
>;

export type ReportStatusChange = Pick<
  DealStatusChange,
  'id' | 'deal_id' | 'from_status' | 'to_status' | 'changed_at' | 'deleted'
>;

export type ReportParticipant = Pick<DealParticipant, 'deal_id' | 'customer_id' | 'deleted'>;

export type ReportTask = Pick<
  CrmTask,
  'id' | 'status' | 'due_at' | 'completed_at' | 'customer_id' | 'deal_id' | 'deleted'
>;

export type ReportAssignment = Pick<
  CrmTaskAssignment,
  'task_id' | 'member_id' | 'assignment_type' | 'deleted'
>;

export type ReportTouchpoint = Pick<
  EngagementTouchpoint,
  'customer_id' | 'kind' | 'occurred_at' | 'value' | 'deleted'
>;

export type ReportMember = Pick<TeamMember, 'id' | 'name' | 'active' | 'deleted'>;

/** How a customer came to be in the CRM (see customerOrigin in audience.ts). */
export type { CustomerOrigin };

/**
 * One live customer: the list row (customers_crm_v) already holds most of it; `origin` and
 * `engagement_log` come from the fields the reports ask the list row to gain (docs/reports.md).
 */
export type ReportCustomer = Pick<
  CustomerListRow,
  | 'customer_id'
  | 'display_name'
  | 'tags'
  | 'lifecycle'
  | 'owner_id'
  | 'email_opt_in'
  | 'sms_opt_in'
  | 'last_touch_at'
  | 'created_at'
> & {
  origin?: CustomerOrigin;
  /** The stored engagement log-score (engagement-score.ts); null or absent: never touched. */
  engagement_log?: number | null;
};

/** Stage settings as the board reads them from deal_pipeline (empty: the module's defaults). */
export type StageSettings = {
  probability: Partial<Record<DealStatus, number>>;
  staleAfter: Partial<Record<DealStatus, number>>;
};

/** Everything a figure needs besides its rows: the clock, the zone, rates and lookups. */
export type ReportContext = {
  now: Date;
  nowMs: number;
  /** Today in the user's zone. */
  today: DayNumber;
  zone: ZoneDays;
  stages: StageSettings;
  rates: RateBook;
  /** The currency combined figures are shown in; null: per currency only. */
  reportingCurrency: string | null;
  /** Tags of the customers taking part in each deal (a deal "has" a tag through its people). */
  dealTags: ReadonlyMap<string, readonly string[]>;
  /** Live customers, indexed: the tag and owner of a touchpoint's or a task's customer. */
  customers: CustomerIndex;
};
