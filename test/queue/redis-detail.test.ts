// What Redis and its client (ioredis, BullMQ) say when something fails is English; the secretariat
// reads Vietnamese. Each frequent failure is translated; anything else keeps its text for the
// administrator under a Vietnamese label, never bare.
import { describe, expect, it } from 'vitest';
import { failureOf, redisDetail } from '../../pipeline/queue/evidence-queue.js';

describe('redisDetail', () => {
  it.each([
    ['connect ECONNREFUSED 127.0.0.1:6390', 'máy chủ không nhận kết nối tại 127.0.0.1:6390, Redis chưa chạy hoặc sai cổng'],
    ['getaddrinfo ENOTFOUND redis.sonoivu.local', 'không tìm thấy máy redis.sonoivu.local, sai tên máy hoặc DNS'],
    ['getaddrinfo EAI_AGAIN redis', 'chưa phân giải được tên máy redis, DNS không trả lời'],
    ['connect ETIMEDOUT', 'hết thời gian chờ kết nối, tường lửa chặn hoặc máy không trả lời'],
    ['read ECONNRESET', 'kết nối bị máy chủ ngắt giữa chừng'],
    ['Protocol error, got "H" as reply type byte', 'máy ở địa chỉ này không trả lời theo giao thức Redis, sai cổng hoặc là dịch vụ khác'],
    ['NOAUTH Authentication required.', 'Redis yêu cầu mật khẩu mà địa chỉ không có'],
    ['WRONGPASS invalid username-password pair or user is disabled.', 'sai tên người dùng hoặc mật khẩu Redis'],
    ['Connection is closed.', 'kết nối tới Redis đã đóng'],
    ["Stream isn't writeable and enableOfflineQueue options is false", 'kết nối tới Redis đã đóng'],
    ['OOM command not allowed when used memory > \'maxmemory\'.', 'Redis hết bộ nhớ, vượt giới hạn maxmemory'],
    ['Missing lock for job 12. moveToFinished', 'mất khóa công việc trên hàng đợi, máy đọc quá tải hoặc mất kết nối quá lâu'],
    ['ERR unknown command \'FCALL\'', "chi tiết kỹ thuật: ERR unknown command 'FCALL'"],
    ['   ', 'không rõ nguyên nhân'],
  ])('%s → %s', (message, vietnamese) => {
    expect(redisDetail(message)).toBe(vietnamese);
  });
});

describe('failureOf', () => {
  it('keeps the worker\'s own Vietnamese reasons and translates the queue\'s', () => {
    expect(failureOf('quá thời gian đọc cho phép (120 giây)')).toEqual({ detail: 'quá thời gian đọc cho phép (120 giây)', failure: 'timeout' });
    // English with an `s` in it is not Vietnamese (case folding maps U+017F ſ to s).
    expect(failureOf('Connection is closed.')).toEqual({ detail: 'máy đọc trên hàng đợi không đọc được tệp (kết nối tới Redis đã đóng)' });
  });
});
