const mime = require('mime-types');
module.exports.f = () => [mime.lookup('json'), mime.lookup('file.html'), mime.contentType('markdown'), mime.extension('application/octet-stream'), mime.charset('text/plain'), mime.lookup('x.unknownext')];
