import { WIZARD_STEPS, useImportWizard } from '../../stores/import/import-wizard-store';
import { DialectStep } from './DialectStep';
import { FileStep } from './FileStep';
import { MappingStep } from './MappingStep';
import { PlanStep } from './PlanStep';
import { ProgressStep } from './ProgressStep';
import { SummaryStep } from './SummaryStep';
import { ValidationStep } from './ValidationStep';

const STEP_VIEWS = {
  file: FileStep,
  dialect: DialectStep,
  mapping: MappingStep,
  validation: ValidationStep,
  plan: PlanStep,
  progress: ProgressStep,
  summary: SummaryStep,
} as const;

export function ImportWizard() {
  const step = useImportWizard((s) => s.step);
  const error = useImportWizard((s) => s.error);
  const current = WIZARD_STEPS.findIndex((s) => s.step === step);
  const View = STEP_VIEWS[step];
  return (
    <div className="import-wizard">
      <ol className="import-steps" aria-label="Import steps">
        {WIZARD_STEPS.map((s, index) => (
          <li
            key={s.step}
            className={index === current ? 'is-current' : index < current ? 'is-done' : undefined}
            aria-current={index === current ? 'step' : undefined}
          >
            {s.label}
          </li>
        ))}
      </ol>
      {error ? (
        <p className="notice notice-danger" role="alert">
          {error}
        </p>
      ) : null}
      <View />
    </div>
  );
}
