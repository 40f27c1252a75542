const { DateTime, Duration, Interval } = require('luxon');
module.exports.f = () => {
  const d = DateTime.fromISO('2024-07-01T12:34:56', { zone: 'utc' });
  return {
    iso: d.toISO(),
    plus: d.plus({ days: 45, hours: 3 }).toISO(),
    fmt: d.toFormat('yyyy LLL dd HH:mm'),
    fr: d.setLocale('fr').toFormat('cccc d LLLL yyyy'),
    de: d.setLocale('de').toFormat('d. LLLL yyyy'),
    num: (1234567.891).toLocaleString('de-DE') + ' ' + new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(1234.5),
    es: d.setLocale('es').toFormat('LLLL'),
    ny: d.setZone('America/New_York').toFormat('yyyy-MM-dd HH:mm ZZZZ'),
    nyWinter: DateTime.fromISO('2024-01-15T12:00:00Z').setZone('America/New_York').toFormat('HH:mm ZZZZ'),
    dur: Duration.fromObject({ hours: 1, minutes: 90 }).shiftTo('hours', 'minutes').toObject(),
    days: Interval.fromDateTimes(d, d.plus({ weeks: 2 })).length('days'),
  };
};
