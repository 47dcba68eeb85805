/**
 * Code splitting: pages and heavy dialogs load when first needed, so the start page (the
 * customer list) does not wait for the deal board's charts, the import wizard or the palette.
 */
import {
  lazy,
  Suspense,
  useState,
  type ComponentType,
  type LazyExoticComponent,
  type ReactNode,
} from 'react';
import { FirstScreenShown } from './first-screen';

/** React.lazy for a module's named export (the app uses named exports only). */
export function lazyNamed<P extends object, K extends string>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => ({ default: (await load())[name] }));
}

/**
 * A lazy page: nothing is drawn for the moment its chunk takes to arrive. Drawn, it is the
 * first screen when the app started on it (app/first-screen.ts).
 */
export function LazyPage({ children }: { children: ReactNode }) {
  return (
    <Suspense fallback={null}>
      {children}
      <FirstScreenShown />
    </Suspense>
  );
}

/**
 * Mounts a lazy dialog the first time it opens and keeps it mounted after (its state and its
 * closing focus return behave as if it had always been there).
 */
export function WhenFirstOpened({ open, children }: { open: boolean; children: ReactNode }) {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened ? <Suspense fallback={null}>{children}</Suspense> : null;
}
