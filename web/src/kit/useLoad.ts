import { useCallback, useEffect, useState } from 'react';
import { isApiError } from './api';

export interface Loaded<T> {
  data?: T;
  loading: boolean;
  /** HTTP status of the failure (403 → 无权访问, 404 → 不存在), 0 for network. */
  errorStatus?: number;
  errorMessage?: string;
  reload: () => void;
  setData: (d: T) => void;
}

/** Loads data for a page; reload() fetches again (after a save or a 409). */
export const useLoad = <T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> => {
  const [state, setState] = useState<{ data?: T; loading: boolean; errorStatus?: number; errorMessage?: string }>({ loading: true });
  const [tick, setTick] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stableLoad = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    setState((s) => ({ data: s.data, loading: true }));
    stableLoad().then(
      (data) => live && setState({ data, loading: false }),
      (e: unknown) =>
        live &&
        setState({
          loading: false,
          errorStatus: isApiError(e) ? e.status : -1,
          errorMessage: isApiError(e) ? e.message : '加载失败，请稍后重试',
        }),
    );
    return () => {
      live = false;
    };
  }, [stableLoad, tick]);
  return {
    ...state,
    reload: () => setTick((t) => t + 1),
    setData: (data: T) => setState({ data, loading: false }),
  };
};
