// Preloaded (`node --import`) into an apigw-gen run: the run sends itself SIGKILL at its
// KILL_AT_FS_CHANGE-th file system change (0-based), which no `finally` or exit handler sees, as
// when a user hits kill -9 or the machine loses power at that exact moment. It prints
// `fs-changes: N` at exit when it was not killed, so a test knows how many moments there are.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import process from 'node:process';

const killAt = Number(process.env.KILL_AT_FS_CHANGE ?? -1);
let changes = 0;
for (const name of ['writeFileSync', 'renameSync', 'unlinkSync', 'mkdirSync', 'mkdtempSync', 'rmSync', 'copyFileSync']) {
  const original = fs[name];
  fs[name] = function (...args) {
    if (changes++ === killAt) process.kill(process.pid, 'SIGKILL');
    return original.apply(this, args);
  };
}
syncBuiltinESMExports();
process.on('exit', () => process.stderr.write(`fs-changes: ${changes}\n`));
