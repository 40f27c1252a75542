import { marked, Marked } from 'marked';
export const f = () => [
  marked.parse('## Notes\n\n1. first\n2. **second**\n\n> quoted\n'),
  new Marked({ gfm: true }).parse('| a | b |\n|---|---|\n| 1 | 2 |\n'),
];
