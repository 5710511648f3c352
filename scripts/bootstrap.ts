// `npm run bootstrap -- --stage prod --county county.json --admin NAME --admin-name 姓名`
// Sets up a freshly deployed environment: the county's bureau, areas and offices (from a JSON file,
// see docs/county.example.json), the bureau's departments, default dictionaries, and the first
// county admin with an initial password, who must enrol a second factor at first sign-in (a deployed
// environment requires it of privileged roles until the county admin decides otherwise). Runs with the operator's AWS credentials and region; safe to run again (creates only
// what is absent). The admin's password comes from SIFASUO_ADMIN_PASSWORD or is asked for.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { countyDefinition, fieldErrorsOf, passwordProblem, USERNAME } from '@sifasuo/domain';
import { resourceName, tableEnv, tables } from '@sifasuo/wiring';

const USAGE = `用法 / usage:
  npm run bootstrap -- --stage STAGE --county county.json --admin USERNAME [--admin-name 姓名] [--operator 操作人]
  首个管理员的密码取自环境变量 SIFASUO_ADMIN_PASSWORD，未设置时会询问。县的结构见 docs/county.example.json。`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  stage: { type: 'string' },
  county: { type: 'string' },
  admin: { type: 'string' },
  'admin-name': { type: 'string' },
  /** Who runs it, for the audit trail (default: the login name). */
  operator: { type: 'string' },
} as const;

const parseCommandLine = () => {
  try {
    return parseArgs({ options: OPTIONS, strict: true }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return process.exit(2);
  }
};
const values = parseCommandLine();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

/** `  field: message` lines for the operator. */
const fieldLines = (fields: Record<string, string>) => Object.entries(fields).map(([k, v]) => `  ${k}: ${v}`).join('\n');

const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};

const stage = values.stage ?? fail('缺少 --stage（部署时使用的环境名）');
const admin = values.admin ?? fail('缺少 --admin（首个系统管理员的用户名）');
if (!USERNAME.test(admin)) fail('用户名为3–32位小写字母、数字或连字符，以字母或数字开头');
const countyFile = values.county ?? fail('缺少 --county（县司法局、片区和司法所的 JSON 文件，格式见 docs/county.example.json）');
let raw: unknown;
try {
  raw = JSON.parse(readFileSync(countyFile, 'utf8'));
} catch (e) {
  fail(`无法读取 ${countyFile}：${(e as Error).message}`);
}
const parsed = countyDefinition.safeParse(raw);
if (!parsed.success) {
  fail(`${countyFile} 有误：\n${fieldLines(fieldErrorsOf(parsed.error))}`);
}

/** Asks for the password without echoing it; only on a terminal (CI and pipes set the variable). */
const askPassword = async (prompt: string): Promise<string> => {
  if (!process.stdin.isTTY) fail('请通过环境变量 SIFASUO_ADMIN_PASSWORD 提供管理员初始密码（当前不是交互终端）');
  process.stdout.write(prompt);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  let typed = '';
  for await (const chunk of process.stdin) {
    for (const ch of String(chunk)) {
      if (ch === '\r' || ch === '\n') {
        process.stdin.setRawMode(false);
        process.stdin.pause();
        process.stdout.write('\n');
        return typed;
      }
      if (ch === '\u0003') process.exit(130);
      typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
    }
  }
  return typed;
};

const password = process.env.SIFASUO_ADMIN_PASSWORD ?? (await askPassword(`为 ${admin} 设置初始密码（输入时不显示）：`));
const weak = passwordProblem(password);
if (weak) fail(weak);

for (const t of tables) process.env[tableEnv(t.id)] = resourceName(stage, t.id);

// Imported after the environment is set: the functions read their table names from it.
const { provisionCounty, provisionUser } = await import('../functions/src/org/provision');
const { provisionCredential } = await import('../functions/src/auth/provision');
const { isDomainError } = await import('@sifasuo/domain');
const now = new Date();
// Recorded as the actor of every audit record this run writes.
const operator = `bootstrap:${values.operator ?? process.env.USER ?? 'operator'}`;
const ctx = { actor: { username: operator, displayName: '环境初始化', roles: [] }, requestId: `bootstrap-${now.getTime()}`, now };
try {
  const offices = await provisionCounty(ctx, parsed.data!);
  const result = await provisionUser(
    ctx,
    { username: admin, displayName: values['admin-name'] ?? '系统管理员', roles: ['county_admin'], enabled: true, version: 1, updatedAt: now.toISOString() },
  );
  const credential = (await provisionCredential(ctx, admin, password)) ? '已设置初始密码' : '已有密码（未改动）';
  console.log(`已就绪：${parsed.data!.areas.length} 个片区，${offices.length} 个司法所；管理员 ${admin} ${result === 'created' ? '已创建' : '已存在（未改动）'}，${credential}。`);
  console.log('首次登录时须用手机验证器（如 Microsoft Authenticator、Google 身份验证器）扫码启用两步验证，并妥善保存恢复码。');
} catch (e) {
  if (!isDomainError(e)) throw e;
  fail(`${countyFile} 与已有数据不一致，未写入任何内容：\n${fieldLines(e.fields ?? {}) || `  ${e.message}`}`);
}
