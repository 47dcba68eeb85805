import { DELIMITERS, ENCODINGS, type CsvDelimiter, type CsvEncoding } from '@shared/csv';
import { encodingName, encodingReason } from '../../domain/import/encoding-names';
import { useImportWizard } from '../../stores/import/import-wizard-store';
import { changeDialect, chooseHeaderRow } from './wizard-actions';

const DELIMITER_NAMES: Record<CsvDelimiter, string> = {
  ',': 'Comma ( , )',
  ';': 'Semicolon ( ; )',
  '\t': 'Tab',
  '|': 'Pipe ( | )',
};

export function DialectStep() {
  const { sniff, headerRow, file, busy, set } = useImportWizard();
  if (!sniff || !file) return null;
  const width = Math.max(...sniff.preview.slice(0, 10).map((row) => row.length));
  return (
    <section className="section import-step" aria-labelledby="dialect-heading">
      <h2 id="dialect-heading" className="section-title">
        Header row and format of {file.source.name}
      </h2>
      <div className="import-controls">
        <div className="field">
          <label className="field-label" htmlFor="import-encoding">
            Encoding
          </label>
          <select
            id="import-encoding"
            className="select"
            value={sniff.encoding.encoding}
            disabled={busy}
            onChange={(e) => void changeDialect({ encoding: e.target.value as CsvEncoding })}
          >
            {ENCODINGS.map((encoding) => (
              <option key={encoding} value={encoding}>
                {encodingName(encoding)}
              </option>
            ))}
          </select>
          <span className="field-hint">{encodingReason(sniff.encoding)}</span>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="import-delimiter">
            Delimiter
          </label>
          <select
            id="import-delimiter"
            className="select"
            value={sniff.delimiter}
            disabled={busy}
            onChange={(e) => void changeDialect({ delimiter: e.target.value as CsvDelimiter })}
          >
            {DELIMITERS.map((delimiter) => (
              <option key={delimiter} value={delimiter}>
                {DELIMITER_NAMES[delimiter]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="field-hint">Pick the row that holds the column names.</p>
      <div className="import-table-wrap">
        <table className="import-table">
          <caption className="visually-hidden">First rows of the file</caption>
          <thead>
            <tr>
              <th scope="col">Header</th>
              {Array.from({ length: width }, (_, i) => (
                <th key={i} scope="col">
                  {i + 1}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sniff.preview.slice(0, 10).map((row, index) => (
              <tr key={index} className={index === headerRow ? 'is-header' : undefined}>
                <td>
                  <input
                    type="radio"
                    name="header-row"
                    aria-label={`Row ${index + 1} is the header`}
                    checked={index === headerRow}
                    onChange={() => void chooseHeaderRow(index)}
                  />
                </td>
                {Array.from({ length: width }, (_, i) => (
                  <td key={i} title={row[i]}>
                    {row[i]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="import-nav">
        <button className="btn" onClick={() => set({ step: 'file' })}>
          Back
        </button>
        <button
          className="btn btn-primary"
          disabled={busy}
          onClick={() => set({ step: 'mapping' })}
        >
          Next: columns
        </button>
      </div>
    </section>
  );
}
