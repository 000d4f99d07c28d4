/** The engine itself: its facts, its disk usage, its plugins and the build cache. */
import { dial } from './dial';
import { authHeader, type RegistryAuth } from './registryAuth';
import type { EngineRequests, RequestOptions } from './requests';
import { toDiskUsage, toEngineFacts, toPluginSummary, toPrivileges, type DiskUsage, type EngineFacts, type PluginPrivilege, type PluginSummary, type RawDiskUsage, type RawInfo, type RawPlugin, type RawVersion } from './systemMapping';

const plugin = (name: string): string => `/plugins/${encodeURIComponent(name)}`;
const OK = { 200: true, 500: 'server error' } as const;

export class SystemClient {
  constructor(private readonly engine: EngineRequests) {}

  /** `GET /info`. */
  rawInfo(options?: RequestOptions): Promise<RawInfo> {
    return this.engine.request('Read engine info', (d, abortSignal) => dial<RawInfo>(d, { path: '/info', method: 'GET', abortSignal, statusCodes: OK }), options);
  }

  /** Whether this engine is a swarm node (overlay networks need one). */
  async swarmActive(options?: RequestOptions): Promise<boolean> {
    return (await this.rawInfo(options)).Swarm?.LocalNodeState === 'active';
  }

  /** Versions, OS, storage, runtimes, security and registry settings, from `/info` and `/version`. */
  facts(options?: RequestOptions): Promise<EngineFacts> {
    return this.engine.request('Read engine facts', async (d, abortSignal) => {
      const [info, version] = await Promise.all([
        dial<RawInfo>(d, { path: '/info', method: 'GET', abortSignal, statusCodes: OK }),
        dial<RawVersion>(d, { path: '/version', method: 'GET', abortSignal, statusCodes: OK }),
      ]);
      return toEngineFacts(info, version);
    }, options);
  }

  /** `/system/df`: it walks every image layer, container and volume, so it is slow on big engines; read it on request. */
  diskUsage(options?: RequestOptions): Promise<DiskUsage> {
    return this.engine.request('Measure disk usage', async (d, abortSignal) => toDiskUsage(await dial<RawDiskUsage>(d, { path: '/system/df', method: 'GET', abortSignal, statusCodes: OK })), { timeoutMs: 120_000, ...options });
  }

  /** Removes the build cache nothing uses; resolves with the bytes it freed. */
  pruneBuildCache(options?: RequestOptions): Promise<number> {
    return this.engine.request('Prune build cache', async (d, abortSignal) => {
      const raw = await dial<{ SpaceReclaimed?: number }>(d, { path: '/build/prune', method: 'POST', abortSignal, statusCodes: OK });
      return raw.SpaceReclaimed ?? 0;
    }, { timeoutMs: 300_000, ...options });
  }

  plugins(options?: RequestOptions): Promise<PluginSummary[]> {
    return this.engine.request('List plugins', async (d, abortSignal) => (await dial<RawPlugin[]>(d, { path: '/plugins', method: 'GET', abortSignal, statusCodes: OK })).map(toPluginSummary), options);
  }

  inspectPlugin(name: string, options?: RequestOptions): Promise<unknown> {
    return this.engine.request('Inspect plugin', (d, abortSignal) => dial<unknown>(d, { path: `${plugin(name)}/json`, method: 'GET', abortSignal, statusCodes: { 200: true, 404: 'plugin not installed', 500: 'server error' } }), options);
  }

  /** Starts the plugin: the engine waits for it to answer on its socket. */
  enablePlugin(name: string, options?: RequestOptions): Promise<void> {
    return this.engine.request('Enable plugin', async (d, abortSignal) => {
      await dial<unknown>(d, { path: `${plugin(name)}/enable?`, method: 'POST', abortSignal, options: { _query: { timeout: 30 }, _body: {} }, statusCodes: { 200: true, 404: 'plugin not installed', 500: 'server error' } });
    }, { timeoutMs: 60_000, ...options });
  }

  disablePlugin(name: string, options?: RequestOptions): Promise<void> {
    return this.engine.request('Disable plugin', async (d, abortSignal) => {
      await dial<unknown>(d, { path: `${plugin(name)}/disable`, method: 'POST', abortSignal, statusCodes: { 200: true, 404: 'plugin not installed', 500: 'server error' } });
    }, options);
  }

  /** `force` removes an enabled plugin too. */
  removePlugin(name: string, force: boolean, options?: RequestOptions): Promise<void> {
    return this.engine.request('Remove plugin', async (d, abortSignal) => {
      await dial<unknown>(d, { path: `${plugin(name)}?`, method: 'DELETE', abortSignal, options: { force }, statusCodes: { 200: true, 404: 'plugin not installed', 500: 'server error' } });
    }, options);
  }

  /** What the plugin at `remote` asks to be allowed (host network, devices, mounts, capabilities…). */
  pluginPrivileges(remote: string, auth: RegistryAuth | undefined, options?: RequestOptions): Promise<PluginPrivilege[]> {
    return this.engine.request(`Read the privileges of ${remote}`, async (d, abortSignal) =>
      toPrivileges(await dial<{ Name?: string; Description?: string; Value?: string[] | null }[] | null>(d, { path: '/plugins/privileges?', method: 'GET', abortSignal, headers: { 'X-Registry-Auth': authHeader(auth) }, options: { remote }, statusCodes: OK })),
    { timeoutMs: 120_000, ...options });
  }

  /** Installs the plugin at `remote` as `name`, granting exactly `privileges` (what the user agreed to). Left disabled. */
  installPlugin(remote: string, name: string, privileges: readonly PluginPrivilege[], auth: RegistryAuth | undefined, options?: RequestOptions): Promise<void> {
    const body = privileges.map((p) => ({ Name: p.name, Description: p.description, Value: p.value }));
    return this.engine.request(`Install plugin ${remote}`, async (d, abortSignal) => {
      const stream = await dial<NodeJS.ReadableStream>(d, {
        path: '/plugins/pull?',
        method: 'POST',
        abortSignal,
        isStream: true,
        headers: { 'X-Registry-Auth': authHeader(auth), 'Content-Type': 'application/json' },
        options: { _query: { remote, name }, _body: body },
        statusCodes: OK,
      });
      // The answer is a progress stream; reading it to the end is waiting for the install.
      await new Promise<void>((resolve, reject) => {
        let error: string | undefined;
        stream.on('data', (chunk: Buffer) => {
          const found = /"error"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(chunk.toString());
          if (found) error = JSON.parse(`"${found[1]}"`) as string;
        });
        stream.on('end', () => (error ? reject(new Error(error)) : resolve()));
        stream.on('error', reject);
      });
    }, { timeoutMs: 300_000, ...options });
  }
}
