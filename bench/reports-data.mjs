// A deterministic workspace at the scale for the reports benchmark: plain records in
// the shapes the app stores (deals walked through the allowed moves with their history).
import { TRANSITIONS } from '../src/renderer/src/domain/deals/statuses.ts';
import { logScoresByCustomer } from '../src/renderer/src/domain/reports/engagement-score.ts';

const DAY = 86_400_000;
const KINDS = ['call', 'email', 'meeting', 'show-attended', 'ticket-purchase', 'message', 'note'];
const LIFECYCLES = ['lead', 'prospect', 'customer', 'inactive'];
const ORIGINS = ['manual', 'import', 'import', 'sync'];
const CURRENCIES = ['EUR', 'EUR', 'EUR', 'USD', 'USD', 'GBP'];

/** mulberry32: the same workspace on every run. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function generateWorkspace(scale, now) {
  const rnd = random(17);
  const int = (n) => Math.floor(rnd() * n);
  const pick = (list) => list[int(list.length)];
  const nowMs = now.getTime();
  const iso = (ms) => new Date(ms).toISOString();
  const count = (n) => Math.max(1, Math.round(n * scale));
  const members = Array.from({ length: 12 }, (_, i) => ({
    id: `member-${i}`,
    name: `Agent ${i}`,
    active: 1,
    deleted: 0,
  }));
  const owner = () => (rnd() < 0.1 ? '' : `member-${int(12)}`);

  const customerCount = count(100_000);
  const touchpoints = [];
  for (let i = 0; i < count(200_000); i += 1) {
    // A few customers are touched often, most rarely (squared uniform skews toward 0).
    const who = Math.floor(rnd() * rnd() * customerCount);
    const kind = pick(KINDS);
    touchpoints.push({
      customer_id: `cust-${who}`,
      kind,
      occurred_at: iso(nowMs - int(730) * DAY - int(DAY)),
      value: kind === 'ticket-purchase' ? 1000 + int(20_000) : 0,
      deleted: rnd() < 0.01 ? 1 : 0,
    });
  }
  const lastTouch = new Map();
  for (const t of touchpoints)
    if (t.deleted === 0 && (lastTouch.get(t.customer_id) ?? '') < t.occurred_at)
      lastTouch.set(t.customer_id, t.occurred_at);
  const scores = logScoresByCustomer(touchpoints);
  const customers = Array.from({ length: customerCount }, (_, i) => {
    const id = `cust-${i}`;
    const roll = rnd();
    return {
      customer_id: id,
      display_name: `Customer ${i}`,
      tags: roll < 0.15 ? ['vip'] : roll < 0.4 ? ['jazz'] : roll < 0.5 ? ['vip', 'festival'] : [],
      lifecycle: pick(LIFECYCLES),
      owner_id: owner(),
      email_opt_in: rnd() < 0.6 ? 1 : 0,
      sms_opt_in: rnd() < 0.25 ? 1 : 0,
      last_touch_at: lastTouch.get(id) ?? '',
      created_at: iso(nowMs - int(1095) * DAY - int(DAY)),
      origin: pick(ORIGINS),
      engagement_log: scores.get(id) ?? null,
    };
  });

  const deals = [];
  const history = [];
  const participants = [];
  for (let i = 0; i < count(10_000); i += 1) {
    const id = `deal-${i}`;
    let at = nowMs - (30 + int(540)) * DAY;
    const created = at;
    let status = 'inquiry';
    let level = null;
    history.push({
      id: `h-${id}-0`,
      deal_id: id,
      from_status: null,
      to_status: status,
      changed_at: iso(at),
      deleted: 0,
    });
    for (let step = 1; step <= int(7); step += 1) {
      const wait = (1 + int(20)) * DAY;
      if (at + wait > nowMs || TRANSITIONS[status].length === 0) break;
      at += wait;
      const next = pick(TRANSITIONS[status]);
      history.push({
        id: `h-${id}-${step}`,
        deal_id: id,
        from_status: status,
        to_status: next,
        changed_at: iso(at),
        deleted: 0,
      });
      status = next;
      level = next === 'hold' ? 1 + int(3) : null;
    }
    deals.push({
      id,
      title: `Show ${i}`,
      event_date: iso(nowMs + (int(1080) - 540) * DAY).slice(0, 10),
      venue: `Venue ${int(200)}`,
      amount_minor: (500 + int(50_000)) * 100,
      currency: pick(CURRENCIES),
      status,
      hold_level: level,
      probability: rnd() < 0.2 ? int(101) : null,
      owner_id: owner() || null,
      created_at: iso(created),
      updated_at: iso(at),
      last_activity_at: iso(at),
      deleted: rnd() < 0.02 ? 1 : 0,
    });
    for (let p = 0; p < 3; p += 1)
      participants.push({ deal_id: id, customer_id: `cust-${int(customerCount)}`, deleted: 0 });
  }

  const tasks = [];
  const assignments = [];
  for (let i = 0; i < count(20_000); i += 1) {
    const id = `task-${i}`;
    const status = pick(['open', 'open', 'in-progress', 'done', 'done', 'done', 'cancelled']);
    tasks.push({
      id,
      status,
      due_at: rnd() < 0.15 ? null : iso(nowMs + (int(120) - 60) * DAY),
      completed_at: status === 'done' ? iso(nowMs - int(200) * DAY) : null,
      customer_id: rnd() < 0.7 ? `cust-${int(customerCount)}` : null,
      deal_id: rnd() < 0.4 ? `deal-${int(deals.length)}` : null,
      deleted: rnd() < 0.02 ? 1 : 0,
    });
    if (rnd() < 0.95)
      assignments.push({
        task_id: id,
        member_id: `member-${int(12)}`,
        assignment_type: 'owner',
        deleted: 0,
      });
    if (rnd() < 0.3)
      assignments.push({
        task_id: id,
        member_id: `member-${int(12)}`,
        assignment_type: 'collaborator',
        deleted: 0,
      });
  }
  return { deals, history, participants, customers, touchpoints, tasks, assignments, members };
}
