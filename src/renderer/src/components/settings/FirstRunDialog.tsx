import { useState } from 'react';
import { run } from '../../app/actions/runner';
import { currencyForRegion, regionFromSystem } from '../../domain/settings/system-defaults';
import { useFirstRunNeeded } from '../../hooks/settings/use-settings';
import { CurrencySelect } from '../ui/CurrencySelect';
import { DialogShell } from '../ui/DialogShell';
import { Field } from '../ui/Field';
import { RegionSelect } from '../ui/RegionSelect';
import { completeFirstRun, skipFirstRun } from './settings-actions';

/**
 * Automated browsers (end-to-end tests, benchmarks) are not a person starting the app, so
 * they are not asked; `?welcome` in the address asks anyway (the first-run test).
 */
function askable(): boolean {
  const forced = new URLSearchParams(window.location.search).has('welcome');
  return forced || !navigator.webdriver;
}

function systemDefaults() {
  const region = regionFromSystem(
    navigator.language,
    Intl.DateTimeFormat().resolvedOptions().timeZone,
  );
  return { region, currency: currencyForRegion(region) };
}

/** On first start, three questions: who you are, your region, your reporting currency. */
export function FirstRunDialog() {
  const needed = useFirstRunNeeded();
  if (!needed || !askable()) return null;
  return <FirstRunForm />;
}

function FirstRunForm() {
  const [defaults] = useState(systemDefaults);
  const [name, setName] = useState('');
  const [region, setRegion] = useState(defaults.region);
  const [currency, setCurrency] = useState(defaults.currency);
  const [currencyTouched, setCurrencyTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    const result = await run(completeFirstRun, { name, region, currency });
    if (result && !result.ok) setError(result.error);
  }

  return (
    <DialogShell
      open
      onOpenChange={(open) => {
        if (!open) void run(skipFirstRun);
      }}
      title="Welcome to Encore"
      description="Three things, and you can change each of them later in Settings."
      className="first-run-dialog"
    >
      <form
        className="dialog-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Field
          label="Your name"
          error={error ?? undefined}
          hint="Tasks you add are yours, and deal history says who changed what."
        >
          {(a11y) => (
            <input
              className="input"
              autoFocus
              autoComplete="name"
              {...a11y}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <Field label="Your region" hint="Phone numbers typed without a country code are read here.">
          {(a11y) => (
            <RegionSelect
              {...a11y}
              value={region}
              onChoose={(next) => {
                setRegion(next);
                // The currency follows the region until the user picks one.
                if (!currencyTouched) setCurrency(currencyForRegion(next));
              }}
            />
          )}
        </Field>
        <Field label="Reporting currency" hint="Reports total deals in this currency.">
          {(a11y) => (
            <CurrencySelect
              {...a11y}
              value={currency}
              onChoose={(next) => {
                setCurrency(next);
                setCurrencyTouched(true);
              }}
            />
          )}
        </Field>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => void run(skipFirstRun)}>
            Not now
          </button>
          <button type="submit" className="btn btn-primary">
            Start using Encore
          </button>
        </div>
      </form>
    </DialogShell>
  );
}
