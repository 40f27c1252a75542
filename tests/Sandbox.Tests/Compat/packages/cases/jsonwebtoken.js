const jwt = require('jsonwebtoken');
module.exports.f = () => {
  const token = jwt.sign({ sub: 'ada', role: 'admin', iat: 1700000000 }, 'shh-secret', { algorithm: 'HS256', expiresIn: '1h' });
  const decoded = jwt.verify(token, 'shh-secret', { clockTimestamp: 1700000100 });
  let expired, wrong;
  try { jwt.verify(token, 'shh-secret', { clockTimestamp: 1700009999 }); } catch (e) { expired = e.name + ': ' + e.message; }
  try { jwt.verify(token, 'other', { clockTimestamp: 1700000100 }); } catch (e) { wrong = e.name + ': ' + e.message; }
  const key = require('crypto').createSecretKey(Buffer.from('key-object-secret'));
  const t384 = jwt.sign({ n: 1 }, key, { algorithm: 'HS384', noTimestamp: true });
  return { token, decoded, expired, wrong, t384, header: jwt.decode(t384, { complete: true }).header, ok384: jwt.verify(t384, key).n };
};
