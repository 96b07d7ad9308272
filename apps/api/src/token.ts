import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const TOKEN_FILE = 'operator-token';

/**
 * The operator token: from the environment, else the one kept in the data dir, else a new
 * one written there with mode 0600 (like Jupyter's, so a restart keeps the same login).
 */
export async function resolveOperatorToken(
  fromEnv: string | undefined,
  dataDir: string,
): Promise<{ token: string; source: 'env' | 'file' | 'generated'; path?: string }> {
  if (fromEnv) return { token: fromEnv, source: 'env' };
  const path = join(dataDir, TOKEN_FILE);
  try {
    const saved = (await readFile(path, 'utf8')).trim();
    if (saved.length >= 16) return { token: saved, source: 'file', path };
  } catch {
    // no token yet: generate one below
  }
  await mkdir(dataDir, { recursive: true });
  const token = randomBytes(24).toString('base64url');
  await writeFile(path, `${token}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
  return { token, source: 'generated', path };
}
