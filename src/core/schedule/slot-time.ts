/** A subscription's local time of day. */
export interface SlotTime {
  hour: number;
  minute: number;
}

const SLOT_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Parses `HH:MM` (24 h, e.g. `08:00`, `23:30`); undefined for anything else. */
export function parseSlotTime(text: string): SlotTime | undefined {
  const match = SLOT_PATTERN.exec(text);
  if (!match) return undefined;
  return { hour: Number(match[1]), minute: Number(match[2]) };
}
