import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { live, type StatusEvent } from './live';

export interface Loaded<T> {
  data?: T;
  error?: Error;
  loading: boolean;
  reload: () => void;
}

/** Loads once per change of `deps` and on reload(); an answer to an older load is dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const generation = useRef(0);
  const reload = useCallback(() => {
    const mine = ++generation.current;
    setState((before) => ({ ...before, loading: true }));
    load().then(
      (data) => mine === generation.current && setState({ data, loading: false }),
      (error: Error) =>
        mine === generation.current && setState((before) => ({ ...before, error, loading: false })),
    );
  }, deps);
  useEffect(reload, [reload]);
  return { ...state, reload };
}

/** Calls `handler` with every live status event while the view is open. */
export function useLiveEvents(handler: (event: StatusEvent) => void, deps: unknown[]): void {
  useEffect(() => live.onEvent(handler), deps);
}

/**
 * Reloads when a live event passes `matches`, at most once per `delayMs` (a running job sends its
 * counts several times a second; the view needs its state, not every step).
 */
export function useReloadOn(
  matches: (event: StatusEvent) => boolean,
  reload: () => void,
  delayMs = 500,
): void {
  const pending = useRef<ReturnType<typeof setTimeout>>();
  useLiveEvents(
    (event) => {
      if (!matches(event) || pending.current) return;
      pending.current = setTimeout(() => {
        pending.current = undefined;
        reload();
      }, delayMs);
    },
    [matches, reload],
  );
  useEffect(() => () => clearTimeout(pending.current), []);
}
