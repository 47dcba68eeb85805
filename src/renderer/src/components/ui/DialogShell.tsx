import * as Dialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';
import { useEffect, useMemo, useRef } from 'react';

type Props = {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: ReactNode;
  /** A sentence under the title, read with it by screen readers; none for plain forms. */
  description?: ReactNode;
  /** Extra class beside `dialog`, for a dialog's own width or layout. */
  className?: string;
  /** The description changes while the dialog is open (a check that finishes): announce it. */
  liveDescription?: boolean;
  /** Shown to screen readers only (a palette whose input says what it is). */
  hideTitle?: boolean;
  children: ReactNode;
};

/**
 * The one dialog frame: overlay, focus trap, Escape and the title (Radix Dialog). Every dialog
 * in the app is one of these; raw Radix imports stay inside components/ui (lint).
 */
export function DialogShell({
  open,
  onOpenChange,
  title,
  description,
  className,
  liveDescription,
  hideTitle,
  children,
}: Props) {
  // What had the focus when the dialog opened, read while rendering it open (before a field
  // inside takes the focus). Radix gives the focus back to a Dialog.Trigger, and these
  // dialogs have none: closed, the focus fell to the page. It goes back to the opener, unless
  // what the dialog did put it somewhere else.
  const openedFrom = useMemo(
    () => (open && typeof document !== 'undefined' ? document.activeElement : null),
    [open],
  );
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    if (openedFrom) opener.current = openedFrom;
  }, [openedFrom]);
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          onCloseAutoFocus={(event) => {
            const back = opener.current;
            opener.current = null;
            const active = document.activeElement;
            if (!(back instanceof HTMLElement) || !back.isConnected || back === document.body)
              return;
            if (active && active !== document.body) return;
            event.preventDefault();
            back.focus();
          }}
          className={className ? `dialog ${className}` : 'dialog'}
          {...(description === undefined ? { 'aria-describedby': undefined } : {})}
        >
          <Dialog.Title className={hideTitle ? 'visually-hidden' : 'dialog-title'}>
            {title}
          </Dialog.Title>
          {description !== undefined && (
            <Dialog.Description
              className="dialog-description"
              aria-live={liveDescription ? 'polite' : undefined}
            >
              {description}
            </Dialog.Description>
          )}
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** A button that closes the dialog it is in (Cancel, Close). */
export function DialogClose({ children }: { children: ReactNode }) {
  return <Dialog.Close asChild>{children}</Dialog.Close>;
}
