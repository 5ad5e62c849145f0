import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT, tempStore } from './run-ledger';

/** A free loopback port for the server under test. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

async function until<T>(probe: () => Promise<T>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

describe('ledger serve --demo (what npm start runs) on an empty embedded store', () => {
  let child: ChildProcess;
  let base: string;
  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [join(ROOT, 'bin/ledger.js'), 'serve', '--demo', '--port', String(port), '--host', '127.0.0.1'], { cwd: ROOT, env: { ...process.env, LEDGER_STORE: tempStore().url }, stdio: 'ignore' });
    await until(async () => {
      const response = await fetch(`${base}/health`);
      if (!response.ok) throw new Error(`health ${response.status}`);
    }, 60_000);
  }, 90_000);
  afterAll(async () => {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  });

  it('loads the 2017 fixture and serves the table, the circulars and the home page to anyone', async () => {
    const table = (await (await fetch(`${base}/api/tables/2017`)).json()) as { groups: Array<{ rows: unknown[] }> };
    expect(table.groups[0].rows[0]).toMatchObject({ unit: '新平县', total: 1451, rank: 1 });
    const circulars = (await (await fetch(`${base}/api/circulars`)).json()) as Array<{ document: string; circularId: string }>;
    expect(circulars.map((c) => c.document)).toEqual(['玉政办信息通报〔2018〕1号', '玉政办发〔2018〕50号']);
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('2017年1-12月政务信息采用情况统计表');
    const failing = await (await fetch(`${base}/api/circulars/${circulars[1].circularId}?format=md`)).text();
    expect(failing).toContain('市发展改革委：年度工作目标考核任务分值400分，2017年1月1日-12月31日完成373分。');
  });

  it('still needs a credential to append', async () => {
    const response = await fetch(`${base}/api/facts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
  });
});
