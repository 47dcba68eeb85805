// The bench's changes: N customers, each as three puts (profile, email, phone) in the shapes
// the app writes, in batches of the protocol's 500. Shared by sync-bench.mjs and push-profile.mjs.

export const BATCH = 500;

const hlc = (ms, counter) =>
  `${String(ms).padStart(15, '0')}-${String(counter % 1_000_000).padStart(6, '0')}-bench`;
const now = new Date().toISOString();
const pad = (i) => String(i).padStart(7, '0');

/** Customer i as three changes: profile, email, phone (the shapes the app writes). */
function* changes(N) {
  const t = Date.now();
  for (let i = 0; i < N; i += 1) {
    const id = `0190cust-${pad(i)}`;
    const stamp = hlc(t, i);
    yield {
      table: 'customer_profiles',
      row_id: id,
      op: 'put',
      hlc: stamp,
      fields: {
        first_name: `First${i}`,
        last_name: `Last${i}`,
        date_of_birth: null,
        notes: '',
        tags: i % 3 === 0 ? ['vip'] : [],
        lifecycle: 'lead',
        owner_id: null,
        email_consent: { opted_in: false, source: null, changed_at: null },
        sms_consent: { opted_in: false, source: null, changed_at: null },
        created_at: now,
        updated_at: now,
        deleted: 0,
      },
    };
    yield {
      table: 'customer_emails',
      row_id: `0190mail-${pad(i)}`,
      op: 'put',
      hlc: stamp,
      fields: {
        customer_id: id,
        address: `person${i}@example.com`,
        address_normalized: `person${i}@example.com`,
        label: '',
        source: 'import',
        is_primary: 1,
        created_at: now,
        updated_at: now,
        deleted: 0,
      },
    };
    yield {
      table: 'customer_phones',
      row_id: `0190phon-${pad(i)}`,
      op: 'put',
      hlc: stamp,
      fields: {
        customer_id: id,
        e164: `+1415${String(2000000 + i).padStart(7, '0')}`,
        raw_input: `415 ${i}`,
        type: 'mobile',
        label: '',
        source: 'import',
        is_primary: 1,
        created_at: now,
        updated_at: now,
        deleted: 0,
      },
    };
  }
}

/** N customers' changes in batches of `size` (the protocol's 500, the app's own batch). */
export function benchBatches(N, size = BATCH) {
  const out = [];
  let current = [];
  for (const change of changes(N)) {
    current.push(change);
    if (current.length === size) {
      out.push(current);
      current = [];
    }
  }
  if (current.length) out.push(current);
  return out;
}
