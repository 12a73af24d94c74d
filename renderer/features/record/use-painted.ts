import { startTransition, useEffect, useState } from 'react';
import { afterPaint } from '../../app/after-paint';

/**
 * Whether a frame has been painted since `key` first rendered: false on that first render,
 * true from the render that follows the paint, for as long as `key` stays the same.
 *
 * What is rendered only once this is true is left out of the first frame: the screen-pop
 * and the top of a record paint without waiting for the long lists below them. The update
 * is a transition, so a ring or a keystroke that comes meanwhile is not held up by it.
 */
export function usePainted(key: string): boolean {
  const [painted, setPainted] = useState<string | null>(null);
  const done = painted === key;
  useEffect(() => {
    if (done) return;
    return afterPaint(() => startTransition(() => setPainted(key)));
  }, [key, done]);
  return done;
}
