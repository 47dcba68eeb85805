/**
 * The enumerations of synced fields, without zod: the renderer's start path (the list, its
 * filters and badges) needs the values but not the schemas that check them
 * (docs/architecture.md, "The start path"). tables.ts builds its schemas from these and
 * re-exports them.
 */
/** The domain takes its lists from here (one source for both processes). */
export const LIFECYCLE_STAGES = ['lead', 'prospect', 'customer', 'inactive'] as const;
export const CONTACT_SOURCES = ['manual', 'import', 'sync', 'event', 'web-form'] as const;
export const PHONE_TYPES = ['mobile', 'work', 'home', 'other'] as const;
export const TOUCHPOINT_KINDS = [
  'call',
  'email',
  'meeting',
  'show-attended',
  'ticket-purchase',
  'message',
  'note',
] as const;
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TASK_STATUSES = ['open', 'in-progress', 'done', 'cancelled'] as const;
export const ASSIGNMENT_TYPES = ['owner', 'collaborator', 'reviewer', 'watcher'] as const;
export const DEAL_TYPES = ['flat', 'versus', 'plus', 'door-split'] as const;
export const DEAL_STATUSES = [
  'inquiry',
  'hold',
  'offer',
  'confirmed',
  'contracted',
  'played',
  'settled',
  'declined',
  'released',
  'cancelled',
] as const;
export const PARTICIPANT_ROLES = [
  'artist',
  'agent',
  'buyer',
  'venue',
  'signer',
  'payer',
  'manager',
] as const;
