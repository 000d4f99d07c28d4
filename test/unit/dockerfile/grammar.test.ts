/** The BuildKit grammar injection: well-formed, contributed, and its patterns match BuildKit syntax. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './corpus';

interface Rule {
  match?: string;
  begin?: string;
  patterns?: Rule[];
}

describe('BuildKit grammar injection', () => {
  const file = path.join(repoRoot, 'syntaxes', 'dockerfile-buildkit.injection.json');
  const grammar = JSON.parse(fs.readFileSync(file, 'utf8')) as { scopeName: string; repository: Record<string, Rule> };
  const re = (name: string): RegExp => new RegExp(grammar.repository[name]?.match ?? grammar.repository[name]?.begin ?? '');

  it('is contributed as an injection into source.dockerfile', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { grammars: { scopeName: string; path: string; injectTo: string[] }[] } };
    const entry = pkg.contributes.grammars.find((g) => g.scopeName === grammar.scopeName);
    assert.deepEqual(entry?.injectTo, ['source.dockerfile']);
    assert.ok(fs.existsSync(path.join(repoRoot, entry.path)));
  });

  it('recognises flags, mounts, heredocs and directives', () => {
    assert.deepEqual(re('flag').exec('COPY --from=build /a /b')?.slice(1, 4), ['--from', '=', 'build']);
    assert.deepEqual(re('flag').exec('ADD --link x y')?.[1], '--link');
    assert.ok(re('mount').test('RUN --mount=type=cache,target=/x make'));
    const key = new RegExp(grammar.repository['mount']?.patterns?.[1]?.match ?? '');
    assert.equal(key.exec('sharing=locked')?.[1], 'sharing');
    assert.deepEqual(re('heredoc').exec('RUN <<-"EOT" bash')?.slice(1, 4), ['<<-', '"', 'EOT']);
    assert.equal(re('directive').exec('# check=skip=all')?.[2], 'check');
  });
});
