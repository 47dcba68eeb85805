import type { ReactNode } from 'react';

export type ContactPointItem = {
  id: string;
  primaryText: string;
  meta: string;
  isPrimary: boolean;
};

type Props = {
  title: string;
  noun: string;
  items: ContactPointItem[];
  onMakePrimary: (id: string) => void;
  onRemove: (item: ContactPointItem) => void;
  addForm: ReactNode;
};

/** The shared shape of the emails and phones sections: a list with one primary, and an add row. */
export function ContactPointList({ title, noun, items, onMakePrimary, onRemove, addForm }: Props) {
  const headingId = `${noun}-heading`;
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {title}
      </h2>
      {items.length > 0 ? (
        <ul className="item-list" aria-labelledby={headingId}>
          {items.map((item) => (
            <li key={item.id} className="item">
              <div className="item-main">
                <div>
                  {item.primaryText} {item.isPrimary && <span className="pill">Primary</span>}
                </div>
                <div className="item-meta">{item.meta}</div>
              </div>
              {!item.isPrimary && (
                <button
                  className="btn btn-small"
                  onClick={() => onMakePrimary(item.id)}
                  aria-label={`Make ${item.primaryText} the primary ${noun}`}
                >
                  Make primary
                </button>
              )}
              <button
                className="btn btn-ghost btn-small btn-danger"
                onClick={() => onRemove(item)}
                aria-label={`Remove ${item.primaryText}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="field-hint">No {noun} yet.</p>
      )}
      {addForm}
    </section>
  );
}
