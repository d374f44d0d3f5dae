// How many cases and events a case file of so many bytes holds, about: what the loaders size their columns
// and id tables for, so that they do not grow (and copy themselves) as records come. A guess too small only
// means they grow. The bytes of a case record and of one of its events in a typical NDJSON export (generated
// 宁波 data: 694 and 79), rounded down so that the guess errs on the large side.
const CASE_BYTES = 640,
  EVENT_BYTES = 80;

export const casesIn = (bytes: number): number => Math.ceil(bytes / CASE_BYTES);
export const eventsIn = (bytes: number): number => Math.ceil(bytes / EVENT_BYTES);
