/**
 * The customers an index holds, compactly: each gets a small integer slot, and its doc is
 * kept as one packed string (about 100 bytes for a typical customer, against 400 or more as
 * an object with arrays). Docs are unpacked only when a pair is compared.
 */
import type { KeyDoc } from './keys';
import { isFullName, nameBlockingKey } from './names';

const FIELD = '\u001f';
const ITEM = '\u001e';

/** The doc with its name's blocking key computed ('' when the name is not full). */
export function withNameKey<T extends KeyDoc>(doc: T): T & { nameKey: string } {
  if (doc.nameKey !== undefined) return doc as T & { nameKey: string };
  return { ...doc, nameKey: isFullName(doc.name) ? nameBlockingKey(doc.name) : '' };
}

export function packDoc(doc: KeyDoc): string {
  return [
    doc.name.first,
    doc.name.last,
    doc.date_of_birth ?? '',
    doc.phones.join(ITEM),
    doc.emails.join(ITEM),
    // Kept so comparing never sorts a name's letters again (the most frequent work).
    withNameKey(doc).nameKey,
  ].join(FIELD);
}

export function unpackDoc(packed: string): KeyDoc {
  const [first = '', last = '', dob = '', phones = '', emails = '', nameKey = ''] =
    packed.split(FIELD);
  const list = (text: string) => (text === '' ? [] : text.split(ITEM));
  return {
    name: { first, last },
    date_of_birth: dob === '' ? null : dob,
    phones: list(phones),
    emails: list(emails),
    nameKey,
  };
}

export class DocStore {
  private readonly ids: (string | undefined)[] = [];
  private readonly packed: (string | undefined)[] = [];
  private readonly slots = new Map<string, number>();
  private readonly free: number[] = [];

  get size(): number {
    return this.slots.size;
  }

  slotOf(id: string): number | undefined {
    return this.slots.get(id);
  }

  idOf(slot: number): string {
    const id = this.ids[slot];
    if (id === undefined) throw new Error(`No customer in slot ${slot}`);
    return id;
  }

  /** The packed doc in a slot, or undefined for a free slot. */
  packedAt(slot: number): string | undefined {
    return this.packed[slot];
  }

  docAt(slot: number): KeyDoc | undefined {
    const packed = this.packed[slot];
    return packed === undefined ? undefined : unpackDoc(packed);
  }

  /** Stores a doc under its id, in the id's slot or a new one; returns the slot. */
  put(id: string, packed: string): number {
    let slot = this.slots.get(id);
    if (slot === undefined) {
      slot = this.free.pop() ?? this.ids.length;
      this.slots.set(id, slot);
      this.ids[slot] = id;
    }
    this.packed[slot] = packed;
    return slot;
  }

  release(slot: number): void {
    const id = this.ids[slot];
    if (id === undefined) return;
    this.slots.delete(id);
    this.ids[slot] = undefined;
    this.packed[slot] = undefined;
    this.free.push(slot);
  }

  *allSlots(): Iterable<number> {
    for (const slot of this.slots.values()) yield slot;
  }
}
