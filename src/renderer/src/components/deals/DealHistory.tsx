import { historyNoteText } from '../../domain/deals/history-note';
import { holdLabel, statusLabel } from '../../domain/deals/statuses';
import type { DealStatusChange, TeamMember } from '../../domain/records';
import { userLocale } from '../../hooks/settings/user-locale';

type Props = { history: DealStatusChange[]; members: TeamMember[] };

function describe(change: DealStatusChange): string {
  const to =
    change.to_status === 'hold' && change.hold_level
      ? `${statusLabel('hold')} (${holdLabel(change.hold_level)})`
      : statusLabel(change.to_status);
  if (change.from_status === null) return `Created in ${to}`;
  if (change.from_status === change.to_status) return `Hold level changed: ${to}`;
  return `${statusLabel(change.from_status)} → ${to}`;
}

export function DealHistory({ history, members }: Props) {
  const names = new Map(members.map((m) => [m.id, m.name]));
  return (
    <section className="section" aria-labelledby="deal-history-heading">
      <h2 id="deal-history-heading" className="section-title">
        Status history
      </h2>
      <ol className="deal-history" aria-label="Status history">
        {history.map((change) => (
          <li key={change.id} className="timeline-item">
            <time dateTime={change.changed_at} className="item-meta">
              {new Date(change.changed_at).toLocaleString(userLocale(), {
                dateStyle: 'medium',
                timeStyle: 'short',
              })}
            </time>
            <span>
              {describe(change)}
              {change.note && (
                <span className="item-meta"> · {historyNoteText(change, userLocale())}</span>
              )}
            </span>
            <span className="item-meta">
              {change.changed_by
                ? (names.get(change.changed_by) ?? 'Former member')
                : 'Unknown user'}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
