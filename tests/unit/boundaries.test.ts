// Contexts integrate by events and facts, never by reaching into each other's folders; packages
// below functions/ never import it. These fail the moment an import crosses a boundary.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = join(__dirname, '..', '..');
const FUNCTIONS = join(root, 'functions', 'src');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true })
    .map((f) => join(dir, String(f)))
    .filter((f) => /\.(ts|tsx|mts)$/.test(f) && statSync(f).isFile());

const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);

describe('boundaries', () => {
  it('no context folder imports another context folder (shared/ aside) — auth reads user records by their published key', () => {
    const crossings: string[] = [];
    for (const file of filesUnder(FUNCTIONS)) {
      const context = relative(FUNCTIONS, file).split(sep)[0]!;
      if (context === 'shared') continue;
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        const target = relative(FUNCTIONS, resolve(dirname(file), spec)).split(sep)[0]!;
        if (target === context || target === 'shared' || target.startsWith('..')) continue;
        crossings.push(`${relative(root, file)} → ${spec}`);
      }
    }
    expect(crossings).toEqual([]);
  });

  it('shared/ imports no context folder', () => {
    const shared = join(FUNCTIONS, 'shared');
    const bad = filesUnder(shared).flatMap((file) =>
      importsOf(file).filter((s) => s.startsWith('.') && !resolve(dirname(file), s).startsWith(shared)).map((s) => `${relative(root, file)} → ${s}`),
    );
    expect(bad).toEqual([]);
  });

  it('the packages (domain, wiring, local cloud) and infra never import the functions', () => {
    const dirs = ['packages/domain/src', 'packages/wiring/src', 'packages/local-cloud/src', 'infra/lib', 'infra/bin', 'web/src'].map((d) => join(root, d));
    const bad = dirs.flatMap((dir) =>
      filesUnder(dir).flatMap((file) =>
        importsOf(file)
          .filter((s) => s.startsWith('@sifasuo/functions') || (s.startsWith('.') && resolve(dirname(file), s).startsWith(join(root, 'functions'))))
          .map((s) => `${relative(root, file)} → ${s}`),
      ),
    );
    expect(bad).toEqual([]);
  });

  it('the portal: the kit imports no context folder, and a context folder imports only its own and the kit', () => {
    const WEB = join(root, 'web', 'src');
    const bad: string[] = [];
    for (const file of filesUnder(WEB)) {
      const folder = relative(WEB, file).split(sep)[0]!;
      if (!relative(WEB, file).includes(sep)) continue; // main.tsx and contexts.ts join the folders
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        const target = relative(WEB, resolve(dirname(file), spec)).split(sep)[0]!;
        const allowed = target === folder || (folder !== 'kit' && target === 'kit');
        if (!allowed) bad.push(`${relative(root, file)} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
