// Fallback peak-RSS probe for bench/validate.mjs, used only when /usr/bin/time is absent:
// loaded with `node --import`, it writes this process's own peak RSS (KiB, like
// /usr/bin/time %M) to $RSS_PROBE_OUT when the process exits, however it exits normally.
import { writeFileSync } from 'node:fs';

const out = process.env.RSS_PROBE_OUT;
if (out) process.on('exit', () => writeFileSync(out, `${process.resourceUsage().maxRSS}\n`));
