import { useState } from 'react';
import {
  FIELD_LABELS,
  IMPORT_FIELDS,
  mappingProblems,
  type ImportField,
} from '../../domain/import/mapping';
import { DATE_FORMATS, type DateFormat } from '../../domain/import/values';
import { useImportWizard } from '../../stores/import/import-wizard-store';
import { regionName } from '../../domain/settings/display-names';
import { RegionSelect } from '../ui/RegionSelect';
import { analyse, updateColumn } from './wizard-actions';

const HOW: Record<string, string> = {
  known: 'recognised',
  fuzzy: 'close match',
  saved: 'saved mapping',
  user: 'your choice',
  none: '',
};

export function MappingStep() {
  const {
    sniff,
    headerRow,
    mapping,
    mappingFromSaved,
    region,
    regionSuggestion,
    dateFormat,
    busy,
    reading,
    set,
  } = useImportWizard();
  const [save, setSave] = useState(true);
  if (!sniff) return null;
  const samples = sniff.preview.slice(headerRow + 1, headerRow + 6);
  const problems = mappingProblems(mapping);
  return (
    <section className="section import-step" aria-labelledby="mapping-heading">
      <h2 id="mapping-heading" className="section-title">
        Columns
      </h2>
      {mappingFromSaved ? (
        <p className="notice">Your saved mapping for these columns was applied.</p>
      ) : null}
      <div className="import-controls">
        <div className="field">
          <label className="field-label" htmlFor="import-region">
            Region for national phone numbers
          </label>
          <RegionSelect
            id="import-region"
            aria-describedby={regionSuggestion ? 'import-region-why' : undefined}
            value={region}
            onChoose={(next) => set({ region: next })}
          />
          {regionSuggestion ? (
            <span id="import-region-why" className="field-hint">
              Suggested {regionName(regionSuggestion.region)}: {regionSuggestion.reasons.join(', ')}
              .
            </span>
          ) : null}
        </div>
        <div className="field">
          <label className="field-label" htmlFor="import-date-format">
            Date format
          </label>
          <select
            id="import-date-format"
            className="select"
            value={dateFormat}
            onChange={(e) => set({ dateFormat: e.target.value as DateFormat })}
          >
            {DATE_FORMATS.map((format) => (
              <option key={format} value={format}>
                {format === 'MM/DD' ? 'MM/DD (no year)' : format}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="import-table-wrap">
        <table className="import-table import-mapping">
          <caption className="visually-hidden">Column mapping</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Sample values</th>
              <th scope="col">Import as</th>
              <th scope="col">Label</th>
            </tr>
          </thead>
          <tbody>
            {mapping.map((entry) => (
              <tr key={entry.column}>
                <th scope="row">
                  {entry.header}
                  {HOW[entry.how] ? <span className="import-how">{HOW[entry.how]}</span> : null}
                </th>
                <td className="import-samples">
                  {samples
                    .map((row) => row[entry.column] ?? '')
                    .filter((value) => value.trim() !== '')
                    .slice(0, 3)
                    .map((value, i) => (
                      <span key={i} className="import-sample" title={value}>
                        {value}
                      </span>
                    ))}
                </td>
                <td>
                  <select
                    className="select"
                    aria-label={`Import ${entry.header} as`}
                    value={entry.field}
                    onChange={(e) =>
                      updateColumn(entry.column, { field: e.target.value as ImportField })
                    }
                  >
                    {IMPORT_FIELDS.map((field) => (
                      <option key={field} value={field}>
                        {FIELD_LABELS[field]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {entry.field === 'email' || entry.field === 'phone' ? (
                    <input
                      className="input"
                      aria-label={`Label for ${entry.header}`}
                      placeholder="e.g. work"
                      value={entry.label}
                      onChange={(e) => updateColumn(entry.column, { label: e.target.value })}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problems.map((problem) => (
        <p key={problem} className="notice notice-warning" role="alert">
          {problem}
        </p>
      ))}
      <label className="checkbox">
        <input type="checkbox" checked={save} onChange={(e) => setSave(e.target.checked)} />
        Remember this mapping for files with these columns
      </label>
      <div className="import-nav">
        <button className="btn" onClick={() => set({ step: 'dialect' })}>
          Back
        </button>
        <button
          className="btn btn-primary"
          disabled={busy || problems.length > 0}
          onClick={() => void analyse(save)}
        >
          {busy
            ? reading
              ? `Reading… ${Math.round((100 * reading.bytesRead) / reading.totalBytes)}%`
              : 'Reading…'
            : 'Next: check rows'}
        </button>
      </div>
    </section>
  );
}
