// `cchc worker --path-map FROM=TO`: how the run's paths are rewritten on a worker that mounts the
// batch folders elsewhere (parsing, and the longest whole-folder prefix wins).
import { describe, expect, it } from 'vitest';
import { mapPath, parsePathMap } from '../../pipeline/queue/path-map.js';

const maps = (...values: string[]) => {
  const parsed = parsePathMap(values);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.mappings;
};

describe('parsePathMap', () => {
  it.each([
    ['/srv/cchc=/mnt/cchc', { from: '/srv/cchc', to: '/mnt/cchc' }],
    ['/srv/cchc/=/mnt/cchc/', { from: '/srv/cchc', to: '/mnt/cchc' }],
    ['/srv/a=b/=/mnt/x', { from: '/srv/a=b', to: '/mnt/x' }],
    ['/srv//cchc/./dot=/mnt/cchc', { from: '/srv/cchc/dot', to: '/mnt/cchc' }],
    ['/=/mnt/root', { from: '/', to: '/mnt/root' }],
  ])('%s → %o', (value, mapping) => {
    expect(maps(value)).toEqual([mapping]);
  });

  it.each(['srv=/mnt', '/srv=mnt', '/srv', '=/mnt', '/srv=', ''])('"%s" is refused with a Vietnamese message naming it', (value) => {
    expect(parsePathMap([value])).toEqual({ problem: `--path-map cần dạng /đường-dẫn-trên-máy-chạy=/đường-dẫn-trên-máy-đọc (hai đường dẫn tuyệt đối), không phải "${value}".` });
  });

  it('the same folder given twice to the same place is one mapping; to two places it is refused', () => {
    expect(maps('/srv/a=/mnt/a', '/srv/a/=/mnt/a')).toEqual([{ from: '/srv/a', to: '/mnt/a' }]);
    expect(parsePathMap(['/srv/a=/mnt/a', '/srv/a=/mnt/b'])).toEqual({ problem: '--path-map cho /srv/a hai đích khác nhau (/mnt/a và /mnt/b).' });
  });
});

describe('mapPath', () => {
  const table = maps('/srv/cchc=/mnt/cchc', '/srv/cchc/2021-so=/data/so', '/=/mnt/root');
  it.each([
    ['/srv/cchc/2021-huyen/units/A/report.xlsx', '/mnt/cchc/2021-huyen/units/A/report.xlsx'],
    ['/srv/cchc/2021-so/units/STP/evidence/1.1.1/Kế hoạch 05-KH-STP.pdf', '/data/so/units/STP/evidence/1.1.1/Kế hoạch 05-KH-STP.pdf'],
    ['/srv/cchc', '/mnt/cchc'],
    // Whole folder names only: /srv/cchc2 is not inside /srv/cchc.
    ['/srv/cchc2/x.pdf', '/mnt/root/srv/cchc2/x.pdf'],
  ])('%s → %s', (file, mapped) => {
    expect(mapPath(file, table)).toBe(mapped);
  });

  it('without a matching mapping the path is the run\'s own', () => {
    expect(mapPath('/srv/cchc2/x.pdf', maps('/srv/cchc=/mnt/cchc'))).toBe('/srv/cchc2/x.pdf');
    expect(mapPath('/srv/cchc/x.pdf', [])).toBe('/srv/cchc/x.pdf');
  });
});
