import { useEffect } from 'react';

const EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/** Calls onIdle after `seconds` without the person touching the console (the server's IDLE_TIMEOUT). */
export function useIdleLock(seconds: number, onIdle: () => void): void {
  useEffect(() => {
    let timer = window.setTimeout(onIdle, seconds * 1000);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onIdle, seconds * 1000);
    };
    for (const e of EVENTS) window.addEventListener(e, reset, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of EVENTS) window.removeEventListener(e, reset);
    };
  }, [seconds, onIdle]);
}
