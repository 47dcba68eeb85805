import type { TouchpointKind } from './records';

/** What a touchpoint kind is called on screen: the customer's Engagement tab and the reports. */
export const TOUCHPOINT_LABELS: Record<TouchpointKind, string> = {
  call: 'Call',
  email: 'Email',
  meeting: 'Meeting',
  'show-attended': 'Attended a show',
  'ticket-purchase': 'Bought tickets',
  message: 'Message',
  note: 'Note',
};
