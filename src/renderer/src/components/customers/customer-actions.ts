/** What a user can do to customers, as actions (app/actions): the forms and pages run these. */
import { defineAction } from '../../app/actions/define';
import type { ContactKind } from '../../domain/contact-kinds';
import type { CustomerDraft } from '../../domain/customer-draft';
import { demoLoadedMessage } from '../../domain/demo-work';
import { ok } from '../../domain/result';
import type { ContactSource, PhoneType } from '../../domain/records';
import type {
  ContactPointEdit,
  ContactPointEditReceipt,
  CustomerProblem,
  ProfilePatch,
  TouchpointDraft,
} from '../../services/crm/customers/customer-service';
import { crm } from '../../services/registry';

export const newCustomer = defineAction({
  id: 'new-customer',
  label: 'New customer',
  keys: ['c'],
  hint: 'new',
  // "c" then the first name at once: the dialog loads on its first opening.
  holdsTyping: true,
  perform: (_, { navigate, emit }) => {
    navigate('/customers');
    emit('new-customer');
  },
});

export const searchCustomers = defineAction({
  id: 'focus-search',
  label: 'Search customers',
  keys: ['/'],
  hint: 'search',
  holdsTyping: true,
  perform: (_, { navigate, emit }) => {
    navigate('/customers');
    emit('focus-search');
  },
});

export const goToCustomers = defineAction({
  id: 'go-customers',
  label: 'Go to customers',
  perform: (_, { navigate }) => navigate('/customers'),
});

export const loadDemoCustomers = defineAction({
  id: 'load-demo-customers',
  label: 'Load demo customers',
  perform: async () => {
    return { ...ok(), message: demoLoadedMessage(await crm().demo.loadDemo()) };
  },
});

export const createCustomer = defineAction<
  { draft: CustomerDraft; defaultRegion: string },
  string,
  CustomerProblem
>({
  id: 'create-customer',
  label: 'Create customer',
  inline: true,
  perform: ({ draft, defaultRegion }) => crm().customers.create(draft, defaultRegion),
});

export const updateProfile = defineAction<
  { id: string; patch: ProfilePatch },
  void,
  CustomerProblem
>({
  id: 'update-profile',
  label: 'Edit customer',
  inline: true,
  perform: ({ id, patch }) => crm().customers.updateProfile(id, patch),
});

/** An email or a phone (CONTACT_KINDS): its refusals show under the field. */
export const addContactPoint = defineAction<
  {
    kind: ContactKind;
    customerId: string;
    input: string;
    details: { label?: string; type?: PhoneType; region?: string };
  },
  void,
  CustomerProblem
>({
  id: 'add-contact-point',
  label: 'Add email or phone',
  inline: true,
  perform: ({ kind, customerId, input, details }) =>
    crm().customers.addContactPoint(kind, customerId, input, details),
});

export const makeContactPointPrimary = defineAction<{ kind: ContactKind; id: string }>({
  id: 'make-contact-point-primary',
  label: 'Make primary',
  perform: ({ kind, id }) => crm().customers.reflagContactPoint(kind, id, 'make-primary'),
});

/** A click away from losing an address: the toast says what went, with Undo. */
export const removeContactPoint = defineAction<{
  kind: ContactKind;
  id: string;
  text: string;
  wasPrimary: boolean;
}>({
  id: 'remove-contact-point',
  label: 'Remove email or phone',
  perform: async ({ kind, id, text, wasPrimary }) => {
    await crm().customers.reflagContactPoint(kind, id, 'remove');
    return {
      ...ok(),
      message: `Removed ${text}`,
      undo: {
        run: () => crm().customers.restoreContactPoint(kind, id, wasPrimary),
        done: `Restored ${text}`,
      },
    };
  },
});

const sameText = (a: string, b: string) => a.replace(/\s/g, '') === b.replace(/\s/g, '');

/**
 * An email or phone changed in place: its refusals show under the field; the toast says what
 * changed, with Undo (the old value, label and primary one back, checked again).
 */
export const editContactPoint = defineAction<
  { kind: ContactKind; id: string; before: string; edit: ContactPointEdit },
  ContactPointEditReceipt,
  CustomerProblem
>({
  id: 'edit-contact-point',
  label: 'Edit email or phone',
  inline: true,
  perform: async ({ kind, id, before, edit }) => {
    const result = await crm().customers.editContactPoint(kind, id, edit);
    if (!result.ok) return result;
    return {
      ...result,
      message: sameText(before, edit.input)
        ? `Saved ${before}`
        : `Changed ${before} to ${edit.input.trim()}`,
      undo: {
        run: () => crm().customers.revertContactPointEdit(result.value),
        done: `Put back ${before}`,
      },
    };
  },
});

export const setConsent = defineAction<{
  customerId: string;
  channel: 'email' | 'sms';
  optedIn: boolean;
  source: string;
}>({
  id: 'set-consent',
  label: 'Record marketing consent',
  perform: ({ customerId, channel, optedIn, source }) =>
    crm().customers.setConsent(customerId, channel, optedIn, source),
});

export const addTouchpoint = defineAction<
  { customerId: string; draft: TouchpointDraft; source?: ContactSource },
  void,
  CustomerProblem
>({
  id: 'add-touchpoint',
  label: 'Log a touchpoint',
  inline: true,
  perform: ({ customerId, draft }) => crm().customers.addTouchpoint(customerId, draft),
});

export const removeTouchpoint = defineAction<string>({
  id: 'remove-touchpoint',
  label: 'Remove touchpoint',
  perform: (id) => crm().customers.removeTouchpoint(id),
});

export const deleteCustomer = defineAction<{ id: string; name: string }>({
  id: 'delete-customer',
  label: 'Delete customer',
  perform: async ({ id, name }, { navigate }) => {
    await crm().customers.remove(id);
    navigate('/customers');
    return {
      ...ok(),
      message: `Deleted ${name}`,
      undo: { run: () => crm().customers.restore(id), done: `Restored ${name}` },
    };
  },
});

/** Global actions of the feature: the keyboard, the menu and the palette offer these. */
export const customerActions = [newCustomer, searchCustomers, goToCustomers, loadDemoCustomers];
