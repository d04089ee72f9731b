// mermaid_parse.mjs — exits non-zero unless every file named on the command
// line parses as a Mermaid diagram (mermaid's own parser, under jsdom).
// Markdown files are split into their ```mermaid blocks.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

let failures = 0, diagrams = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  const blocks = file.endsWith('.md')
    ? [...text.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1])
    : [text];
  for (const [i, block] of blocks.entries()) {
    diagrams++;
    try {
      await mermaid.parse(block);
    } catch (e) {
      failures++;
      console.error(`${file} (diagram ${i + 1}): ${e.message.split('\n').slice(0, 3).join(' | ')}`);
    }
  }
}
console.log(`${diagrams} mermaid diagrams, ${failures} failed to parse`);
process.exit(failures ? 1 : 0);
