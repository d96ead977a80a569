/**
 * Absolute instant → wall-clock time in an IANA zone, without the machine's local zone.
 *
 * "Wall ms" throughout the data layer means local date and time written as if it were UTC
 * (`daysFromCivil(y, m, d) * 86_400_000 + time of day`), so `Math.floor(wall / 86_400_000)` is the
 * calendar day number used by the order table.
 *
 * Intl.DateTimeFormat is slow (microseconds per call), so the zone offset is cached per UTC hour:
 * an hour whose start and end have the same offset is cached; an hour containing a transition (DST
 * switch, also at :30/:45 in zones such as Asia/Kolkata's neighbours) is computed exactly per value.
 */
import { daysFromCivil } from '../core/calendar.js';

const HOUR_MS = 3_600_000;
const VARIES = 1e15; // cache marker: the offset changes inside this hour

export class ZoneClock {
  readonly timeZone: string;
  /**
   * How this load reads numeric dates with the year last (`3/4/2024`): month first or day first.
   * Set once per load, before the rows are read (date-format.ts decides); the clock carries it
   * because every date parser already receives the load's clock.
   */
  dayFirst = false;
  /** Whether bare numbers in the date column are Excel serial days (dateFormat 'excel'). */
  excelSerial = false;
  private readonly format: Intl.DateTimeFormat | null;
  private readonly cache = new Map<number, number>();
  private lastHour = NaN;
  private lastOffset = 0;

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    const utc = timeZone === 'UTC' || timeZone === 'Etc/UTC' || timeZone === 'GMT';
    this.format = utc
      ? null
      : new Intl.DateTimeFormat('en-US', {
          timeZone, hourCycle: 'h23', era: 'short', year: 'numeric', month: 'numeric', day: 'numeric',
          hour: 'numeric', minute: 'numeric', second: 'numeric',
        });
  }

  /** Offset (wall − UTC) in ms at a UTC instant, straight from Intl. */
  exactOffset(utcMs: number): number {
    if (this.format === null) return 0;
    const whole = utcMs - (((utcMs % 1000) + 1000) % 1000);
    let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, bc = false;
    for (const part of this.format.formatToParts(whole)) {
      switch (part.type) {
        case 'year': y = Number(part.value); break;
        case 'month': mo = Number(part.value); break;
        case 'day': d = Number(part.value); break;
        case 'hour': h = Number(part.value); break;
        case 'minute': mi = Number(part.value); break;
        case 'second': s = Number(part.value); break;
        case 'era': bc = part.value.startsWith('B'); break;
      }
    }
    if (bc) y = 1 - y;
    const wall = daysFromCivil(y, mo, d) * 86_400_000 + h * HOUR_MS + mi * 60_000 + s * 1000;
    return wall - whole;
  }

  /** Wall-clock ms in this zone of a UTC instant (epoch ms). NaN stays NaN. */
  wallMs(utcMs: number): number {
    if (this.format === null || utcMs !== utcMs) return utcMs;
    const hour = Math.floor(utcMs / HOUR_MS);
    if (hour === this.lastHour) return utcMs + this.lastOffset;
    let offset = this.cache.get(hour);
    if (offset === undefined) {
      const start = this.exactOffset(hour * HOUR_MS);
      offset = start === this.exactOffset(hour * HOUR_MS + HOUR_MS - 1000) ? start : VARIES;
      this.cache.set(hour, offset);
    }
    if (offset === VARIES) return utcMs + this.exactOffset(utcMs);
    this.lastHour = hour;
    this.lastOffset = offset;
    return utcMs + offset;
  }
}
