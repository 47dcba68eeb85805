import { useState } from 'react';
import { Link } from 'react-router';
import { filterLinkLines } from '../../domain/relationships/all-links';
import { useAllLinks } from '../../hooks/relationships/use-network';

type Props = {
  /** Where a name leads: that person's network. */
  linkTo: (customerId: string) => string;
};

/** Every relationship, "Ana manages Bo", with a filter over names, verbs and notes. */
export function AllLinksList({ linkTo }: Props) {
  const links = useAllLinks();
  const [filter, setFilter] = useState('');
  if (links === undefined)
    return (
      <p className="field-hint" aria-busy="true">
        Loading…
      </p>
    );
  const shown = filterLinkLines(links, filter);
  return (
    <section className="section all-links" aria-labelledby="all-links-heading">
      <div className="all-links-head">
        <h2 id="all-links-heading" className="section-title">
          All relationships ({links.length.toLocaleString()})
        </h2>
        <input
          className="input all-links-filter"
          type="search"
          aria-label="Filter relationships"
          placeholder="Filter by name, role or note"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
      </div>
      {links.length === 0 ? (
        <p className="field-hint">
          No relationships yet. Open someone&apos;s network to link them to others.
        </p>
      ) : shown.length === 0 ? (
        <p className="field-hint">No relationship matches “{filter}”.</p>
      ) : (
        <ul className="item-list all-links-list" aria-label="Relationships">
          {shown.map((line) => (
            <li key={line.id} className="item all-links-item">
              <span className="item-main">
                <Link to={linkTo(line.fromId)}>{line.fromName}</Link>{' '}
                <span className="all-links-verb">{line.label}</span>{' '}
                <Link to={linkTo(line.toId)}>{line.toName}</Link>
              </span>
              {line.note && <span className="item-meta">{line.note}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
