import { useState } from "react";

/**
 * A controlled input's value, held from the user's change until its save has settled. A
 * mutation's own pending state reaches the render a tick after the change, and in that tick the
 * input would show the stored value again.
 */
export function useHeldValue<T extends string | boolean>(stored: T) {
  const [held, setHeld] = useState<T | null>(null);
  return {
    value: held ?? stored,
    saving: held !== null,
    hold: (value: T) => { setHeld(value); },
    release: () => { setHeld(null); },
  };
}
