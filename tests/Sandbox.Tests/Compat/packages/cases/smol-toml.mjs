import { parse, stringify } from 'smol-toml';
export const f = () => ({
  doc: parse('title = "TOML"\n[owner]\nname = "Tom"\ndob = 1979-05-27T07:32:00Z\n[[products]]\nname = "Hammer"\nsku = 738594937\n[[products]]\nname = "Nail"\n').owner.name,
  products: parse('[[p]]\nn = 1\n[[p]]\nn = 2\n').p,
  out: stringify({ a: 1, nested: { b: 'x', arr: [1, 2] } }),
});
