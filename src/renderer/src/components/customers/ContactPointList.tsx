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
  /** The item edited in place, if any, and its form; Edit opens it. */
  editingId: string | null;
  editor: ReactNode;
  onEdit: (id: string) => void;
  /** The item whose Edit button takes the focus back when its form closes. */
  focusId: string | null;
  addForm: ReactNode;
};

/**
 * The shared shape of the emails and phones sections: a list with one primary, each editable in
 * place, and an add row.
 */
export function ContactPointList({
  title,
  noun,
  items,
  onMakePrimary,
  onRemove,
  editingId,
  editor,
  onEdit,
  focusId,
  addForm,
}: Props) {
  const headingId = `${noun}-heading`;
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {title}
      </h2>
      {items.length > 0 ? (
        <ul className="item-list" aria-labelledby={headingId}>
          {items.map((item) =>
            item.id === editingId ? (
              <li key={item.id} className="item item-editing">
                {editor}
              </li>
            ) : (
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
                  className="btn btn-small"
                  onClick={() => onEdit(item.id)}
                  aria-label={`Edit ${item.primaryText}`}
                  autoFocus={item.id === focusId}
                >
                  Edit
                </button>
                <button
                  className="btn btn-ghost btn-small btn-danger"
                  onClick={() => onRemove(item)}
                  aria-label={`Remove ${item.primaryText}`}
                >
                  Remove
                </button>
              </li>
            ),
          )}
        </ul>
      ) : (
        <p className="field-hint">No {noun} yet.</p>
      )}
      {addForm}
    </section>
  );
}
