/** Numbers with their units and times in the browser's time zone, the same way on every page. */

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const hertz = (value: number | null | undefined, digits = 3): string =>
  value === null || value === undefined ? '–' : `${value.toFixed(digits)} Hz`;

/** A damping ratio (0.012) as a percentage (1.20 %). */
export const dampingPercent = (ratio: number | null | undefined): string =>
  ratio === null || ratio === undefined ? '–' : `${(ratio * 100).toFixed(2)} %`;

export const percent = (value: number | null | undefined, digits = 2): string =>
  value === null || value === undefined ? '–' : `${value > 0 ? '+' : ''}${value.toFixed(digits)} %`;

export const seconds = (value: number | null | undefined): string => {
  if (value === null || value === undefined) return '–';
  if (value < 120) return `${value.toFixed(1)} s`;
  if (value < 7200) return `${(value / 60).toFixed(1)} min`;
  return `${(value / 3600).toFixed(1)} h`;
};

export const bytes = (value: number | null | undefined): string => {
  if (value === null || value === undefined) return '–';
  if (value < 1024) return `${value} B`;
  if (value < 1024 ** 2) return `${(value / 1024).toFixed(1)} KB`;
  if (value < 1024 ** 3) return `${(value / 1024 ** 2).toFixed(1)} MB`;
  return `${(value / 1024 ** 3).toFixed(2)} GB`;
};

export const when = (time: string | Date | null | undefined): string =>
  time === null || time === undefined ? '–' : dateTime.format(new Date(time));

export const count = (value: number, noun: string, plural = `${noun}s`): string =>
  `${value.toLocaleString()} ${value === 1 ? noun : plural}`;
