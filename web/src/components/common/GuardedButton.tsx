import { useEffect, useState, type MouseEvent } from 'react';
import { Button, Loader, Tooltip, type ButtonProps } from '@mantine/core';

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
 *
 * It is one element whether or not it is disabled: an action that disables its own button (Acknowledge) keeps
 * the keyboard focus on it, and a dialog it opened can give focus back to it. The reason shows when the pointer
 * enters or the keyboard focuses the button — not because the button became disabled under a pointer that
 * just clicked it (the tooltip then sat over the page title).
 */
export function GuardedButton({ disabledReason, onClick, children, loading, leftSection, ...buttonProps }: GuardedButtonProps) {
  const [shown, setShown] = useState(false);
  useEffect(() => setShown(false), [disabledReason]);
  const disabled = disabledReason !== null;
  return (
    <Tooltip label={disabledReason ?? ''} withArrow multiline maw={280} opened={disabled && shown} disabled={!disabled}>
      <Button
        {...buttonProps}
        // Busy without the native disabled attribute Mantine's loading sets: that would drop the keyboard focus to <body>.
        leftSection={loading ? <Loader size={14} color="currentColor" /> : leftSection}
        aria-busy={loading || undefined}
        data-disabled={disabled || undefined}
        aria-disabled={disabled || undefined}
        data-disabled-reason={disabledReason ?? undefined}
        onMouseEnter={() => setShown(true)}
        onMouseLeave={() => setShown(false)}
        onFocus={(event) => setShown(event.currentTarget.matches(':focus-visible'))}
        onBlur={() => setShown(false)}
        onKeyDown={(event) => event.key === 'Escape' && setShown(false)}
        onClick={(event) => (disabled || loading ? event.preventDefault() : onClick?.(event))}
      >
        {children}
      </Button>
    </Tooltip>
  );
}
