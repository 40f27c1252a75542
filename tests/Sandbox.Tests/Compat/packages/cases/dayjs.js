const dayjs = require('dayjs');
const utc = require('dayjs/plugin/utc');
const relativeTime = require('dayjs/plugin/relativeTime');
dayjs.extend(utc);
dayjs.extend(relativeTime);
module.exports.f = () => {
  const d = dayjs.utc('2024-02-29T12:34:56Z');
  return {
    formatted: d.format('YYYY-MM-DD HH:mm:ss [Z]'),
    plus: d.add(1, 'year').format('YYYY-MM-DD'),
    diff: dayjs.utc('2024-03-10').diff(d, 'day'),
    from: d.from(dayjs.utc('2024-05-01T00:00:00Z')),
    valid: dayjs('not a date').isValid(),
  };
};
