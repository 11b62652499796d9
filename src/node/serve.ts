/** Starts the Hono app on Node. */
import { serve } from '@hono/node-server';
import { createApp } from '../server/app.js';
import { isolatedDocxReader } from './isolated-docx-reader.js';
import { jiebaSegmenter } from './jieba-segmenter.js';
import { loadRuleSet } from './rule-files.js';

export function startServer(options: { port: number; host: string; log: (s: string) => void }): Promise<void> {
  const app = createApp({ readDocx: isolatedDocxReader, ruleSet: loadRuleSet(), segmenter: jiebaSegmenter() });
  return new Promise((resolve) => {
    serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => {
      options.log(`法护 fahu 已启动：http://${options.host}:${info.port}  （Ctrl+C 停止）`);
      resolve();
    });
  });
}
