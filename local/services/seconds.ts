/** `3.1 s`: the unit people read start-up times in. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
