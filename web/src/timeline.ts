/** An entry of the case's chronology as the API gives it (the fields the timeline reads). */
export interface TimelineSource {
  at: string;
  on: string;
  type: string;
  refs?: Record<string, string> | undefined;
}

/** Failures a retried step records once per attempt. */
const REPEATED_BY_RETRIES = new Set(['letter-failed', 'step-failed']);

/**
 * The chronology in time order, a step's repeated failures on one day (the same letter) drawn as one line
 * with how often: the workflow retries a step up to six times, and six identical lines hide the rest.
 */
export function timelineEntries<E extends TimelineSource>(
  chronology: readonly E[],
): { e: E; times: number }[] {
  const sorted = [...chronology].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const entries: { e: E; times: number }[] = [];
  for (const e of sorted) {
    const last = entries.at(-1);
    const repeat =
      last !== undefined &&
      REPEATED_BY_RETRIES.has(e.type) &&
      last.e.type === e.type &&
      last.e.on === e.on &&
      last.e.refs?.letterId === e.refs?.letterId;
    if (repeat) last.times += 1;
    else entries.push({ e, times: 1 });
  }
  return entries;
}
