const Fuse = require('fuse.js');
module.exports.f = () => {
  const books = [{ title: "Old Man's War", author: 'John Scalzi' }, { title: 'The Lock Artist', author: 'Steve Hamilton' }, { title: 'HTML5', author: 'Remy Sharp' }];
  const fuse = new Fuse(books, { keys: ['title', 'author'], includeScore: true });
  return fuse.search('scalzy').map(r => [r.item.title, Math.round(r.score * 1000) / 1000]);
};
