// Where an npm package of the project lives, and its version (read from its package.json by
// path: some packages do not export ./package.json).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function pkgDir(name) { return path.join(ROOT, 'node_modules', name); }
export function pkgFile(name, file) { return path.join(pkgDir(name), file); }
export function pkgVersion(name) {
  return JSON.parse(fs.readFileSync(pkgFile(name, 'package.json'), 'utf8')).version;
}
