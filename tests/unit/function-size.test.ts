import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../src/renderer/src');
const LIMIT = 80;

/** Functions (declarations, expressions, arrows, methods) longer than `limit` lines. */
function longFunctions(file: string, limit: number, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (end - start + 1 > limit) found.push(`${file}:${start + 1} (${end - start + 1} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const filesIn = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(root, dir, name));

// The import and the data layer's middlewares are where long closures grew before: keep every
// function there small enough to read at once.
const WATCHED = [
  ...filesIn('services/crm/import'),
  join(root, 'services/crm/import-service.ts'),
  ...filesIn('db').filter((file) => file.endsWith('-middleware.ts')),
];

describe('function size', () => {
  it(`keeps every function in import/ and the db middlewares within ${LIMIT} lines`, () => {
    expect(WATCHED.length).toBeGreaterThan(10);
    expect(WATCHED.flatMap((file) => longFunctions(file, LIMIT))).toEqual([]);
  });

  it('finds a long function when there is one', () => {
    const body = Array.from({ length: LIMIT }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const long = `export function long() {\n${body}\n}\nconst short = () => 1;\n`;
    expect(longFunctions('long.ts', LIMIT, long)).toEqual(['long.ts:1 (82 lines)']);
  });
});
