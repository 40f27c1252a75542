const { Readable, Transform, Writable, pipeline, Duplex } = require('readable-stream');
module.exports.f = () => new Promise((resolve, reject) => {
  const out = [];
  const upper = new Transform({ transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); } });
  const sink = new Writable({ write(chunk, enc, cb) { out.push(chunk.toString()); cb(); } });
  const r = new Readable({ read() {} });
  r.setEncoding('utf8');
  pipeline(r, upper, sink, err => err ? reject(err) : resolve({ out: out.join(''), duplex: typeof Duplex }));
  r.push('a'); r.push(Buffer.from('bc')); r.push(null);
});
