/**
 * `npm run build` step: the trimmed jieba dictionary and the one-line IDF and stop-word tables
 * in dist/dict/ (see src/node/jieba-dictionary.ts). `node dist/scripts/build-dictionary.js [minFrequency]`.
 */
import { writeDictionaryFiles } from '../src/node/jieba-dictionary.js';

const min = process.argv[2] ? Number(process.argv[2]) : undefined;
const written = writeDictionaryFiles(undefined, min);
console.log(`jieba 精简词典：${written.words} 词（原 ${written.keptFrom} 词，其中 ${written.domain} 个取自规则文件、法规文本和地名）→ ${written.dict}`);
