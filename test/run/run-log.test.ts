// The run's log and terminal lines carry file names as the units wrote them: a name holding a
// terminal escape sequence (ESC [ 31 m), a bell or a carriage return is shown, never run.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRunLog, LOG_FILE, visibleLine } from '../../pipeline/run/run-log.js';
import { tempDir } from '../helpers/temp.js';

describe('the run log', () => {
  it('shows control characters of a file name as \\xNN in the log file and on the terminal; line breaks and tabs stay', async () => {
    const dir = await tempDir();
    const echoed: string[] = [];
    const log = createRunLog(dir, (line) => echoed.push(line));
    log.open?.();
    const name = 'units/STP/evidence/1.6/\u001b[31mđỏ\u0007\r.pdf';
    log.info(`Tệp ${name} không đọc được`);
    log.detail('hai dòng:\n\tdòng sau');
    expect(echoed).toEqual(['Tệp units/STP/evidence/1.6/\\x1b[31mđỏ\\x07\\x0d.pdf không đọc được']);
    const text = await readFile(path.join(dir, LOG_FILE), 'utf8');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u);
    expect(text).toContain('\\x1b[31mđỏ\\x07\\x0d.pdf');
    expect(text).toContain('hai dòng:\n\tdòng sau');
    expect(visibleLine('Sở Tư pháp')).toBe('Sở Tư pháp');
  });
});
