import * as assert from 'node:assert/strict';
import { ComposeNameRefused, projectNameProblem, refuseNamesComposeRejects, serviceNameProblem } from '../../../src/compose/composeNames';

describe('compose names', () => {
  const hostile = ['p$(touch /tmp/pwn) "q" `id` é 🚢', '${command:workbench.action.openSettings}', '${env:HOME}', 'Shop', '-p', '_x', ''];

  it('accepts the project names Compose accepts and refuses the rest', () => {
    for (const ok of ['shop', 'shop-2', 'my_app', '0day']) assert.equal(projectNameProblem(ok), undefined, ok);
    for (const bad of hostile) assert.match(projectNameProblem(bad) ?? '', /is not one Compose accepts/, bad);
  });

  it('accepts the service names Compose accepts and refuses the rest', () => {
    for (const ok of ['web', 'Web.v2', 'db_1', '-x']) assert.equal(serviceNameProblem(ok), undefined, ok);
    for (const bad of ['web ${env:HOME}', 'a/b', 'é', '']) assert.match(serviceNameProblem(bad) ?? '', /is not one Compose accepts/, bad);
  });

  it('refuses with a message that does not repeat the hostile text', () => {
    assert.throws(() => refuseNamesComposeRejects({ projectName: hostile[0] }), (e: unknown) => {
      assert.ok(e instanceof ComposeNameRefused);
      assert.doesNotMatch(e.message, /\$\(|`|"q"|\$\{/);
      assert.match(e.message, /"p··touch··tmp·pwn/);
      return true;
    });
    assert.throws(() => refuseNamesComposeRejects({ projectName: 'shop' }, ['web', '[x](command:y)']), ComposeNameRefused);
    refuseNamesComposeRejects({ projectName: 'shop' }, ['web']);
    refuseNamesComposeRejects({});
  });
});
