import type { MouseEvent } from 'react';
import { Button, Tooltip, type ButtonProps } from '@mantine/core';

interface GuardedButtonProps extends ButtonProps {
  /** When set, the button is disabled and this sentence explains why in a tooltip. */
  disabledReason: string | null;
  onClick?: (event: MouseEvent<HTMLButtonElement>) => void;
  type?: 'button' | 'submit';
  'data-action'?: string;
  id?: string;
}

/**
 * A button that may be unavailable for a stated reason. A natively disabled button swallows the hover
 * that shows a tooltip, so it stays hoverable (data-disabled) and ignores clicks instead.
 */
export function GuardedButton({ disabledReason, onClick, children, ...buttonProps }: GuardedButtonProps) {
  if (disabledReason === null) {
    return (
      <Button {...buttonProps} onClick={onClick}>
        {children}
      </Button>
    );
  }
  return (
    <Tooltip label={disabledReason} withArrow multiline maw={280}>
      <Button
        {...buttonProps}
        data-disabled
        aria-disabled
        data-disabled-reason={disabledReason}
        onClick={(event) => event.preventDefault()}
      >
        {children}
      </Button>
    </Tooltip>
  );
}
