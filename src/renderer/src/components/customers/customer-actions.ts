/** What a user can do to customers, as actions (app/actions): the forms and pages run these. */
import { defineAction } from '../../app/actions/define';
import type { CustomerDraft } from '../../domain/customer-draft';
import { ok } from '../../domain/result';
import type { ContactSource, PhoneType } from '../../domain/records';
import type {
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
    await crm().demo.loadDemo();
    return { ...ok(), message: 'Loaded 60 demo customers and a three-person team' };
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

export const addEmail = defineAction<
  { customerId: string; address: string; label: string },
  void,
  CustomerProblem
>({
  id: 'add-email',
  label: 'Add email',
  inline: true,
  perform: ({ customerId, address, label }) => crm().customers.addEmail(customerId, address, label),
});

export const addPhone = defineAction<
  { customerId: string; raw: string; region: string; type: PhoneType },
  void,
  CustomerProblem
>({
  id: 'add-phone',
  label: 'Add phone',
  inline: true,
  perform: ({ customerId, raw, region, type }) =>
    crm().customers.addPhone(customerId, raw, region, type),
});

export const makeEmailPrimary = defineAction<string>({
  id: 'make-email-primary',
  label: 'Make email primary',
  perform: (id) => crm().customers.makeEmailPrimary(id),
});

export const removeEmail = defineAction<string>({
  id: 'remove-email',
  label: 'Remove email',
  perform: (id) => crm().customers.removeEmail(id),
});

export const makePhonePrimary = defineAction<string>({
  id: 'make-phone-primary',
  label: 'Make phone primary',
  perform: (id) => crm().customers.makePhonePrimary(id),
});

export const removePhone = defineAction<string>({
  id: 'remove-phone',
  label: 'Remove phone',
  perform: (id) => crm().customers.removePhone(id),
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
