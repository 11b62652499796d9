/**
 * globalSetup of vitest.workers.config.ts (runs on Node, before the workerd tests): the Node
 * findings on the parity corpus (./parity-node.ts, in its own process) handed to
 * ./parity.workerd.ts through vitest's provide/inject, a scrypt hash and a cleanup inventory .xlsx made on Node.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { ProvidedContext } from 'vitest';
import { scryptHasher } from '../../src/node/scrypt-hasher.js';
import { exceljsWriter } from '../../src/node/xlsx.js';
import type {} from './parity-types.js';

export default async function setup(project: TestProject): Promise<void> {
  const password = '在 Node 上设的密码 moved-1';
  project.provide('nodeScrypt', { password, stored: await scryptHasher().hash(password) });
  const inventory = await exceljsWriter.write([{ name: '清单', rows: [['序号', '文件名称', '发文字号', '发文机关', '印发日期', '有效期', '责任单位'], [1, '关于规范农贸市场管理的通知', '吴政办〔2023〕8号', '吴兴区人民政府办公室', '2023-05-06', '3年', '区市场监管局']] }]);
  project.provide('nodeInventoryXlsx', Buffer.from(inventory).toString('base64'));
  const dir = mkdtempSync(join(tmpdir(), 'fahu-parity-'));
  try {
    const out = join(dir, 'parity.json');
    execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'parity-node.ts'), out], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 600_000 });
    project.provide('parity', JSON.parse(readFileSync(out, 'utf8')) as ProvidedContext['parity']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
