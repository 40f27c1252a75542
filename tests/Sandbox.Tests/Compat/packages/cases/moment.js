const moment = require('moment');
module.exports.f = () => {
  const m = moment.utc('2024-07-04T09:05:00Z');
  return {
    formatted: m.format('dddd, MMMM Do YYYY, h:mm a'),
    added: m.clone().add(1, 'month').subtract(2, 'days').format('YYYY-MM-DD'),
    duration: moment.duration(90, 'minutes').humanize(),
    iso: m.toISOString(),
  };
};
