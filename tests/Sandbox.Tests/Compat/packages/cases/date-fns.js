const { addDays, differenceInCalendarDays, formatISO, isLeapYear, parseISO, eachDayOfInterval } = require('date-fns');
module.exports.f = () => {
  const start = parseISO('2024-02-27T00:00:00Z');
  return {
    leap: isLeapYear(start),
    days: differenceInCalendarDays(new Date(Date.UTC(2024, 11, 25)), new Date(Date.UTC(2024, 0, 1))),
    iso: formatISO(new Date(Date.UTC(2024, 0, 15)), { representation: 'date' }).length,
    span: eachDayOfInterval({ start, end: addDays(start, 3) }).length,
  };
};
