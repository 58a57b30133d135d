import { describe, expect, it } from 'vitest';
import { runCommand, type CommandIo } from '../../src/cli/run-command.js';
import { DocumentError, UsageError } from '../../src/diagnostics/diagnostic.js';

function captureIo() {
  const output = { stdout: '', stderr: '' };
  const io: CommandIo = { stdout: (text) => (output.stdout += text), stderr: (text) => (output.stderr += text), color: false };
  return { io, output };
}

describe('runCommand', () => {
  it('turns an internal error into exit 3 and one line asking for a report, without a stack', async () => {
    const { io, output } = captureIo();
    const code = await runCommand(() => Promise.reject(new TypeError('boom')), { io, debug: false });
    expect(code).toBe(3);
    expect(output.stderr).toMatch(/^apigw-gen: internal error: boom \(run with --debug for details\)\nPlease report it/);
    expect(output.stderr).not.toContain('run-command');
  });

  it('prints the stack of an internal error with --debug', async () => {
    const { io, output } = captureIo();
    await runCommand(() => Promise.reject(new TypeError('boom')), { io, debug: true });
    expect(output.stderr).toContain('TypeError: boom\n    at ');
  });

  it('maps usage errors to exit 2 and document errors to exit 1', async () => {
    const { io, output } = captureIo();
    expect(await runCommand(() => Promise.reject(new UsageError('no such target')), { io, debug: false })).toBe(2);
    const diagnostic = { code: 'APIGW_NOT_OPENAPI', severity: 'error', message: 'nope', file: 'a.yaml', pointer: '', help: 'h' } as const;
    expect(await runCommand(() => Promise.reject(new DocumentError([diagnostic])), { io, debug: false })).toBe(1);
    expect(output.stderr).toContain('a.yaml  error  APIGW_NOT_OPENAPI  nope');
  });
});

describe('human output', () => {
  it('escapes control characters that come from the document', async () => {
    const { formatHuman } = await import('../../src/diagnostics/format-diagnostics.js');
    const diagnostic = {
      code: 'APIGW_UNKNOWN_EXTENSION',
      severity: 'warning',
      message: 'x-amazon-apigateway-\u001b[2Jevil',
      file: 'a.yaml',
      pointer: '/a\u0007',
      help: 'h',
    } as const;
    const text = formatHuman([diagnostic], { color: false });
    expect(text).toContain('x-amazon-apigateway-\\u001b[2Jevil');
    expect(text).toContain('#/a\\u0007');
    expect([...text].filter((char) => char.charCodeAt(0) < 0x20 && char !== '\n')).toStrictEqual([]);
  });
});
