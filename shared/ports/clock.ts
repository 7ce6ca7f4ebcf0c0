/** Time is a port: handlers read it, the local runtime drives it virtually. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
