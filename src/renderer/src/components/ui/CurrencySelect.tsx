import { useMemo } from 'react';
import { COMMON_CURRENCIES } from '../../domain/deals/money';
import { currencyChoices } from '../../domain/settings/display-names';
import { ChoiceSelect, type SelectProps } from './ChoiceSelect';

/** The reporting currency by name ("Euro (EUR)"): the common ones, and the current one. */
export function CurrencySelect(props: SelectProps) {
  const choices = useMemo(
    () => currencyChoices([props.value, ...COMMON_CURRENCIES]),
    [props.value],
  );
  return <ChoiceSelect {...props} choices={choices} />;
}
