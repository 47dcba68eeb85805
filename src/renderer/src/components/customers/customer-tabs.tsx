import type { ReactNode } from 'react';
import type { CustomerRecord } from '../../hooks/customers/use-customers';
import type { TeamMember } from '../../domain/records';
import { displayName } from '../../domain/display-name';
import { CustomerDealsTab } from '../deals/CustomerDealsTab';
import { NetworkEditor } from '../relationships/NetworkEditor';
import { TaskListForTarget } from '../tasks/TaskListForTarget';
import { ConsentSection } from './ConsentSection';
import { EngagementTab } from './EngagementTab';
import { ContactPointSection } from './ContactPointSection';
import { ProfileSection } from './ProfileSection';

export type CustomerTabContext = {
  record: CustomerRecord;
  members: TeamMember[];
  defaultRegion: string;
};

/**
 * The detail page's tabs, as data: a feature (tasks, deals, relationships) adds its tab with
 * one entry here instead of editing the page.
 */
export type CustomerTab = {
  value: string;
  label: (context: CustomerTabContext) => string;
  render: (context: CustomerTabContext) => ReactNode;
};

export const CUSTOMER_TABS: CustomerTab[] = [
  {
    value: 'contact',
    label: () => 'Contact info',
    render: ({ record, members, defaultRegion }) => (
      <>
        <ProfileSection profile={record.profile} members={members} />
        <ContactPointSection
          kind="email"
          customerId={record.profile.id}
          rows={record.emails}
          defaultRegion={defaultRegion}
        />
        <ContactPointSection
          kind="phone"
          customerId={record.profile.id}
          rows={record.phones}
          defaultRegion={defaultRegion}
        />
        <ConsentSection profile={record.profile} />
      </>
    ),
  },
  {
    value: 'tasks',
    label: () => 'Tasks',
    render: ({ record }) => <TaskListForTarget customerId={record.profile.id} />,
  },
  {
    value: 'relationships',
    label: () => 'Relationships',
    render: ({ record }) => (
      <NetworkEditor
        customerId={record.profile.id}
        customerName={displayName(record.profile, record.emails[0]?.address)}
        linkTo={(id) => `/customers/${id}`}
      />
    ),
  },
  {
    value: 'engagement',
    label: ({ record }) => `Engagement (${record.touchpoints.length})`,
    render: ({ record }) => (
      <EngagementTab customerId={record.profile.id} touchpoints={record.touchpoints} />
    ),
  },
  {
    value: 'deals',
    label: () => 'Deals',
    render: ({ record }) => <CustomerDealsTab customerId={record.profile.id} />,
  },
];
