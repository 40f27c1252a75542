const { Parser, parseDocument, DomUtils } = require('htmlparser2');
module.exports.f = () => {
  const events = [];
  const p = new Parser({ onopentag: (n, a) => events.push('open ' + n + ' ' + JSON.stringify(a)), ontext: t => t.trim() && events.push('text ' + t.trim()), onclosetag: n => events.push('close ' + n) });
  p.write('<div class="a">Hi <b>there</b><br></div>'); p.end();
  const doc = parseDocument('<ul><li>one</li><li>two &amp; three</li></ul>');
  return { events, items: DomUtils.getElementsByTagName('li', doc).map(e => DomUtils.textContent(e)) };
};
