import { OwnerSelect } from '../ui/OwnerSelect';
import { run } from '../../app/actions/runner';
import { setHoldLevel, updateDeal } from './deal-actions';
import type { DealFields } from '../../domain/deals/deal-draft';
import { DEAL_TYPE_LABELS } from '../../domain/deals/deal-draft';
import { dealDateHint, readDealDateInput } from '../../domain/deals/deal-date-input';
import { formatMoney, minorToInput, parseMoney } from '../../domain/deals/money';
import { MAX_HOLD_LEVEL, holdLabel } from '../../domain/deals/statuses';
import { dealWeighted, effectiveProbability } from '../../domain/deals/totals';
import type { DealType, EventDeal, TeamMember } from '../../domain/records';
import { DEAL_TYPES } from '../../domain/records';
import { InlineText } from '../ui/InlineText';
import { describeProbability, formatDealDate } from '../../domain/deals/deal-display';
import { userLocale } from '../../hooks/settings/user-locale';

type Props = { deal: EventDeal; members: TeamMember[] };

function percentOrNull(text: string): number | null | false {
  const value = text.trim().replace(/%$/, '');
  if (value === '') return null;
  const number = Number(value);
  return Number.isInteger(number) && number >= 0 && number <= 100 ? number : false;
}

export function DealProperties({ deal, members }: Props) {
  // Shown in the user's locale, as on the board; dates typed in its order too (as a date of
  // birth is), amounts as plain numbers.
  const locale = userLocale();
  async function save(patch: Partial<DealFields>): Promise<string | null> {
    const result = await run(updateDeal, { id: deal.id, patch });
    if (!result) return 'Not saved';
    return result.ok ? null : (Object.values(result.error)[0] ?? 'Not saved');
  }
  async function saveHoldLevel(level: number) {
    const result = await run(setHoldLevel, { id: deal.id, level });
    return result && !result.ok ? result.error : null;
  }
  return (
    <section className="section" aria-labelledby="deal-props-heading">
      <h2 id="deal-props-heading" className="section-title">
        Deal
      </h2>
      <div className="prop-grid">
        <span className="prop-label">Title</span>
        <InlineText label="Title" value={deal.title} onSave={(title) => save({ title })} />
        <span className="prop-label">Event</span>
        <InlineText
          label="Event"
          value={deal.event_name}
          onSave={(event_name) => save({ event_name })}
        />
        <span className="prop-label">Event date</span>
        <InlineText
          label="Event date"
          value={deal.event_date ?? ''}
          display={deal.event_date ? formatDealDate(deal.event_date, locale) : undefined}
          placeholder={dealDateHint(locale)}
          onSave={async (text) => {
            const date = readDealDateInput(text, locale);
            return date.ok ? save({ event_date: date.value }) : date.reason;
          }}
        />
        <span className="prop-label">Venue</span>
        <InlineText label="Venue" value={deal.venue} onSave={(venue) => save({ venue })} />
        <span className="prop-label">Amount</span>
        <InlineText
          label="Amount"
          value={minorToInput(deal.amount_minor, deal.currency)}
          display={formatMoney(deal.amount_minor, deal.currency, { locale })}
          onSave={async (text) => {
            const money = parseMoney(text, deal.currency);
            return money.ok ? save({ amount_minor: money.minor }) : money.reason;
          }}
        />
        <span className="prop-label">Currency</span>
        <InlineText
          label="Currency"
          value={deal.currency}
          onSave={(currency) => save({ currency })}
        />
        <label className="prop-label" htmlFor="deal-type">
          Deal type
        </label>
        <select
          id="deal-type"
          className="select"
          value={deal.deal_type}
          onChange={(event) => {
            const deal_type = event.target.value as DealType;
            void save(
              deal_type === 'flat'
                ? { deal_type }
                : {
                    deal_type,
                    deal_percent: deal.deal_percent ?? (deal_type === 'door-split' ? 85 : 80),
                  },
            );
          }}
        >
          {DEAL_TYPES.map((type) => (
            <option key={type} value={type}>
              {DEAL_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
        {deal.deal_type !== 'flat' && (
          <>
            <span className="prop-label">Percentage</span>
            <InlineText
              label="Percentage"
              value={deal.deal_percent === null ? '' : String(deal.deal_percent)}
              onSave={async (text) => {
                const percent = percentOrNull(text);
                return percent === false || percent === null
                  ? 'A whole percentage from 0 to 100'
                  : save({ deal_percent: percent });
              }}
            />
          </>
        )}
        <span className="prop-label">Probability</span>
        <InlineText
          label="Probability"
          value={deal.probability === null ? '' : String(deal.probability)}
          display={describeProbability(deal, locale)}
          placeholder={`Stage default (${effectiveProbability({ ...deal, probability: null })}%)`}
          onSave={async (text) => {
            const percent = percentOrNull(text);
            return percent === false
              ? 'A whole percentage from 0 to 100'
              : save({ probability: percent });
          }}
        />
        <span className="prop-label">Weighted</span>
        <span className="deal-prop-static">
          {formatMoney(dealWeighted(deal), deal.currency, { locale })}
        </span>
        <span className="prop-label">Expected close</span>
        <InlineText
          label="Expected close"
          value={deal.expected_close ?? ''}
          display={deal.expected_close ? formatDealDate(deal.expected_close, locale) : undefined}
          placeholder={dealDateHint(locale)}
          onSave={async (text) => {
            const date = readDealDateInput(text, locale);
            return date.ok ? save({ expected_close: date.value }) : date.reason;
          }}
        />
        <label className="prop-label" htmlFor="deal-owner">
          Owner
        </label>
        <OwnerSelect
          id="deal-owner"
          members={members}
          value={deal.owner_id}
          onChoose={(owner_id) => void save({ owner_id })}
        />
        {deal.status === 'hold' && (
          <>
            <label className="prop-label" htmlFor="deal-hold-level">
              Hold level
            </label>
            <select
              id="deal-hold-level"
              className="select"
              value={deal.hold_level ?? 1}
              onChange={(event) => void saveHoldLevel(Number(event.target.value))}
            >
              {Array.from({ length: MAX_HOLD_LEVEL }, (_, i) => i + 1).map((level) => (
                <option key={level} value={level}>
                  {holdLabel(level)}
                </option>
              ))}
            </select>
          </>
        )}
        <span className="prop-label">Notes</span>
        <InlineText
          label="Notes"
          multiline
          placeholder="Add a note"
          value={deal.notes}
          onSave={(notes) => save({ notes })}
        />
      </div>
    </section>
  );
}
