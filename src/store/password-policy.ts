/**
 * What a password must be, checked by the store wherever one is set (createUser, setPassword),
 * so the CLI, the API and the pages refuse the same ones with the same Chinese message:
 *   at least MIN_PASSWORD_LENGTH characters (code points), at most MAX_PASSWORD_LENGTH;
 *   not blank (only spaces); not the user name (also not with digits or symbols tacked on);
 *   not a common password: the list below, one character or a short group repeated,
 *   a run of the keyboard or of digits/letters (1234567890, qwertyuiop, 1qaz2wsx…),
 *   or a common word with digits/symbols around it (password123, Admin@2024, woaini1314).
 * The list is kept short and offline: what guessing tools try first, and what people in
 * Chinese offices often choose.
 */
import { StoreError } from './types.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password.js';

/** Lower case, compared after stripping digits and symbols around them (see commonBase). */
const COMMON_WORDS = new Set([
  'password', 'passw0rd', 'p@ssword', 'p@ssw0rd', 'pass', 'passwd', 'admin', 'administrator', 'root', 'user', 'test', 'guest', 'login',
  'welcome', 'letmein', 'changeme', 'default', 'secret', 'master', 'super', 'superman', 'dragon', 'monkey', 'iloveyou', 'sunshine',
  'princess', 'football', 'baseball', 'shadow', 'qwerty', 'abc', 'abcd', 'abcde', 'abcdef', 'asdf', 'zxcv', 'qazwsx', 'woaini', 'aini',
  'wangluo', 'zhangsan', 'lisi', 'wangwu', 'china', 'zhongguo', 'beijing', 'shanghai', 'zhejiang', 'hangzhou', 'ningbo', 'wenzhou',
  'fahu', 'sifa', 'sifaju', 'zhengfa', 'gov', 'zf', 'zhengfu', 'bangong', 'oa', 'computer', 'internet', 'hello', 'love', 'baby',
  'caonima', 'nihao', 'xiaoming', 'huawei', 'xiaomi', 'wechat', 'weixin', 'qq', 'taobao', 'alipay',
]);

/** Whole passwords people choose that the rules below do not already catch. */
const COMMON_PASSWORDS = new Set([
  '5201314520', '1314520520', '5201314521', '1314521521', '7758521521', '1472583690', '1597534862', '9638527410', '3692581470',
  '1qaz@wsx3edc', '1qaz!qaz', 'zaq1xsw2cde3', 'zaq12wsx', 'q1w2e3r4t5', 'q1w2e3r4t5y6', '1q2w3e4r5t', '1q2w3e4r5t6y', 'a1b2c3d4e5',
  'a1s2d3f4g5', 'aa123456789', 'qq123456789', 'woaini1314', 'woaini520', 'iloveyou1314', '11223344556', '1122334455', '1234512345',
  '1234554321', '0123456789', '9876543210', 'abc123456789', 'abcd123456', 'abcd1234', 'abc12345678', 'qwer1234', 'asdf1234',
  'zxcv1234', 'qweasdzxc', 'qweasdzxc123', 'qwertyuiop123', 'asdfghjkl123', 'zxcvbnm123',
]);

const KEYBOARD_RUNS = ['1234567890-=', 'qwertyuiop[]', 'asdfghjkl;\'', 'zxcvbnm,./', '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p', 'qazwsxedcrfvtgbyhnujmikolp', 'zaq1xsw2cde3vfr4bgt5nhy6mju7'];

/** Each character one step up or down from the last (1234567890, abcdefghij, 9876543210). */
function isRun(s: string): boolean {
  if (s.length < 4) return false;
  const step = (s.charCodeAt(1) - s.charCodeAt(0)) as number;
  if (step !== 1 && step !== -1) return false;
  for (let i = 2; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    // 0 after 9 continues a digit run (…7890)
    if (d !== step && !(step === 1 && s[i - 1] === '9' && s[i] === '0') && !(step === -1 && s[i - 1] === '0' && s[i] === '9')) return false;
  }
  return true;
}

/** A short group (up to 4 characters) repeated: aaaaaaaaaa, ababababab, 1231231231. */
function isRepetition(s: string): boolean {
  for (let n = 1; n <= 4; n++) {
    const unit = s.slice(0, n);
    if (s.length >= 2 * n && unit.repeat(Math.ceil(s.length / n)).slice(0, s.length) === s) return true;
  }
  return false;
}

const onKeyboardRun = (s: string) => KEYBOARD_RUNS.some((row) => row.includes(s) || [...row].reverse().join('').includes(s));

/** A date of birth, perhaps with two more digits (1990010112). */
const BIRTHDAY = /^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{0,2}$/;

/** The password without digits and symbols at either end (Admin@2024 → admin). */
const commonBase = (s: string) => s.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

/** Why this password is refused (a Chinese sentence), or null when it is acceptable. */
export function passwordProblem(password: string, userName?: string): string | null {
  if (password.trim() === '') return '密码不能为空或只有空格';
  if ([...password].length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`;
  if (password.length > MAX_PASSWORD_LENGTH) return `密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符`;
  const lower = password.toLowerCase();
  const name = userName?.trim().toLowerCase();
  if (name && (lower === name || commonBase(lower) === name)) return '密码不能是用户名，也不能只在用户名前后加几个数字或符号';
  const squeezed = lower.replace(/\s+/g, '');
  const base = commonBase(squeezed);
  if (
    COMMON_PASSWORDS.has(squeezed) || isRepetition(squeezed) || isRun(squeezed) || onKeyboardRun(squeezed) ||
    COMMON_WORDS.has(base) || (base !== '' && (isRun(base) || isRepetition(base) || onKeyboardRun(base)) && squeezed.length - base.length < 6) ||
    BIRTHDAY.test(squeezed)
  ) {
    return '密码过于常见或有规律（如 12345678、qwertyuiop、password123），容易被猜中，请换一个';
  }
  return null;
}

/** Throws StoreError INVALID with the reason when the password is refused. */
export function checkPasswordPolicy(password: string, userName?: string): void {
  const problem = passwordProblem(password, userName);
  if (problem) throw new StoreError('INVALID', problem);
}
