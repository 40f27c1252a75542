import { addMonths, format, differenceInDays, startOfWeek } from 'date-fns';
import { formatISO } from 'date-fns/formatISO';
export const f = () => {
  const base = new Date(Date.UTC(2024, 0, 31, 12));
  return {
    plusMonth: addMonths(base, 1).getUTCDate(),
    year: format(base, 'yyyy'),
    days: differenceInDays(new Date(Date.UTC(2024, 2, 1)), base),
    weekday: startOfWeek(base, { weekStartsOn: 1 }).getUTCDay(),
    iso: formatISO(base, { representation: 'date' }).length,
  };
};
