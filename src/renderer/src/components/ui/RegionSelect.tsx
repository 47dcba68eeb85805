import { useMemo } from 'react';
import { regionChoices } from '../../domain/settings/display-names';
import { ChoiceSelect, type SelectProps } from './ChoiceSelect';

/** A region by its country's name and calling code ("Germany (+49)"), never a bare code. */
export function RegionSelect(props: SelectProps) {
  const choices = useMemo(() => regionChoices(), []);
  return <ChoiceSelect {...props} choices={choices} />;
}
