import { choicesOf, Select } from '../ui/Select';
import { OwnerSelect } from '../ui/OwnerSelect';
import { run } from '../../app/actions/runner';
import { updateProfile } from './customer-actions';
import { LIFECYCLE_STAGES } from '../../domain/records';
import type { CustomerProfile, TeamMember } from '../../domain/records';
import { parseTagInput } from '../../domain/tags';
import type { ProfilePatch } from '../../services/crm/customers/customer-service';
import { InlineText } from '../ui/InlineText';
import {
  dateOfBirthHint,
  describeDateOfBirth,
  readDateOfBirthInput,
} from '../../domain/date-of-birth-input';
import { userLocale } from '../../hooks/settings/user-locale';
import { LIFECYCLE_LABELS } from './LifecycleBadge';

type Props = { profile: CustomerProfile; members: TeamMember[] };

export function ProfileSection({ profile, members }: Props) {
  const locale = userLocale();
  async function save(patch: ProfilePatch): Promise<string | null> {
    const result = await run(updateProfile, { id: profile.id, patch });
    if (!result) return 'Not saved';
    return result.ok ? null : result.error.message;
  }
  return (
    <section className="section" aria-labelledby="profile-heading">
      <h2 id="profile-heading" className="section-title">
        Profile
      </h2>
      <div className="prop-grid">
        <span className="prop-label">First name</span>
        <InlineText
          label="First name"
          value={profile.first_name}
          onSave={(first_name) => save({ first_name })}
        />
        <span className="prop-label">Last name</span>
        <InlineText
          label="Last name"
          value={profile.last_name}
          onSave={(last_name) => save({ last_name })}
        />
        <span className="prop-label">Date of birth</span>
        <InlineText
          label="Date of birth"
          value={profile.date_of_birth ?? ''}
          display={
            profile.date_of_birth ? describeDateOfBirth(profile.date_of_birth, locale) : undefined
          }
          placeholder={dateOfBirthHint(locale)}
          onSave={async (typed) => {
            // Typed as the import reads it; what was read is shown in words once saved.
            const read = readDateOfBirthInput(typed, locale);
            if (!read.ok) return read.reason;
            return save({ date_of_birth: read.value ?? '' });
          }}
        />
        <label className="prop-label" htmlFor="profile-stage">
          Stage
        </label>
        <Select
          id="profile-stage"
          value={profile.lifecycle}
          choices={choicesOf(LIFECYCLE_STAGES, LIFECYCLE_LABELS)}
          onChoose={(lifecycle) => void save({ lifecycle })}
        />
        <label className="prop-label" htmlFor="profile-owner">
          Owner
        </label>
        <OwnerSelect
          id="profile-owner"
          members={members}
          markInactive
          value={profile.owner_id}
          onChoose={(owner_id) => void save({ owner_id })}
        />
        <span className="prop-label">Tags</span>
        <InlineText
          label="Tags"
          value={profile.tags.join(', ')}
          placeholder="Add tags, separated by commas"
          onSave={(text) => save({ tags: parseTagInput(text) })}
        />
        <span className="prop-label">Notes</span>
        <InlineText
          label="Notes"
          multiline
          value={profile.notes}
          placeholder="Add a note"
          onSave={(notes) => save({ notes })}
        />
      </div>
    </section>
  );
}
