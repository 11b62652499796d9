/** Reading a password for the CLI: prompted without echo on a terminal, else the first line of standard input. */
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../store/password.js';
import { InputError } from './io.js';

export interface PasswordInput {
  /** `confirm`: on a terminal, ask twice and require the same answer. */
  read(confirm: boolean): Promise<string>;
}

export const stdinPasswordInput: PasswordInput = {
  async read(confirm) {
    const pw = process.stdin.isTTY ? await promptTwice(confirm) : await firstLineOfStdin();
    checkLength(pw);
    return pw;
  },
};

export function checkLength(pw: string): void {
  if (pw.length === 0) throw new InputError('密码不能为空');
  if ([...pw].length < MIN_PASSWORD_LENGTH) throw new InputError(`密码至少 ${MIN_PASSWORD_LENGTH} 个字符`);
  if (pw.length > MAX_PASSWORD_LENGTH) throw new InputError(`密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符`);
}

async function promptTwice(confirm: boolean): Promise<string> {
  const first = await readHidden('密码：');
  checkLength(first);
  if (!confirm) return first;
  if ((await readHidden('再次输入密码：')) !== first) throw new InputError('两次输入的密码不一致');
  return first;
}

async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (text.includes('\n') || text.length > 4 * MAX_PASSWORD_LENGTH) break;
  }
  return (text.split('\n')[0] ?? '').replace(/\r$/, '');
}

/** Reads one line from the terminal in raw mode, echoing nothing. */
function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let pw = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      if (chunk.startsWith('\u001b')) return; // arrow and function keys
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(pw);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new InputError('已取消'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') pw = [...pw].slice(0, -1).join('');
        else if (ch >= ' ') pw += ch;
      }
    };
    stdin.on('data', onData);
  });
}
