// Fallback peak-RSS probe for the benchmarks in bench/, used only when /usr/bin/time is absent.
// lib/measure.mjs loads it into every Node process of a run through NODE_OPTIONS=--import, so
// tools that start Node children (hey-api re-spawns itself, then runs Prettier) are covered too.
// Each process appends its own peak RSS (KiB, like /usr/bin/time %M) to $RSS_PROBE_OUT when it
// exits normally; the reader takes the largest, which is what %M reports for a process tree.
import { appendFileSync } from 'node:fs';

const out = process.env.RSS_PROBE_OUT;
if (out) process.on('exit', () => appendFileSync(out, `${process.resourceUsage().maxRSS}\n`));
