// The audit pages' style and script, written beside the pages (no CDN, no network). The script
// sorts and filters, and collects a person's confirmations and corrections into a JSON file the
// browser downloads (`hieu-chinh-<MÃ>.json` on a unit page; on the index, every unit's at once as
// `hieu-chinh-<đợt>.json`). What is typed is also kept in the browser's own storage (localStorage,
// per audit folder and unit), so a reload loses nothing and the index can gather it; it never sends
// anything anywhere.

export const AUDIT_CSS = `
:root { --fg: #1b1f24; --muted: #5b6470; --line: #d6dbe1; --warn: #9a5b00; --warn-bg: #fff4df; --bad: #a4001f; --bad-bg: #fde8ec; --ok: #0f6a2f; }
* { box-sizing: border-box; }
body { font: 15px/1.45 "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: var(--fg); margin: 0 auto; max-width: 1440px; padding: 0 16px 48px; }
h1 { font-size: 1.5em; margin: 16px 0 4px; }
h2 { font-size: 1.15em; margin: 24px 0 8px; }
h3 { font-size: 1.05em; margin: 0 0 8px; }
h4 { font-size: 0.95em; margin: 0 0 6px; overflow-wrap: anywhere; }
.sub, .hint, .meta, .legend, .none { color: var(--muted); }
.signature-broken, .signature-modified, .signature-unverifiable { color: #b00020; font-weight: 600; }
.code { color: var(--muted); font-weight: normal; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f5f7; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.warn { background: var(--warn-bg); color: var(--warn); font-weight: 600; }
td.bad { background: var(--bad-bg); color: var(--bad); font-weight: 600; }
#units { width: 100%; }
#units th[data-sort] { cursor: pointer; user-select: none; }
#units th[aria-sort="ascending"]::after { content: " ▲"; }
#units th[aria-sort="descending"]::after { content: " ▼"; }
.tag { display: inline-block; white-space: nowrap; border-radius: 3px; padding: 0 6px; font-size: 0.8em; font-weight: 600; background: #e9ecef; vertical-align: middle; }
.tag.provisional, .tag.warn { background: var(--warn-bg); color: var(--warn); border: 1px solid #e8c98f; }
.tag.bad { background: var(--bad-bg); color: var(--bad); }
.note.provisional { background: var(--warn-bg); border-left: 4px solid var(--warn); padding: 6px 10px; }
.filters { display: flex; flex-wrap: wrap; gap: 8px 18px; align-items: center; padding: 10px 12px; background: #f3f5f7; border: 1px solid var(--line); position: sticky; top: 0; z-index: 2; margin: 12px 0; }
.filters input[type=search] { min-width: 16em; }
#shown { color: var(--muted); margin-left: auto; }
dl.totals { display: flex; flex-wrap: wrap; gap: 4px 20px; margin: 8px 0; }
dl.totals div { display: flex; gap: 6px; }
dl.totals dt { color: var(--muted); }
dl.totals dd { margin: 0; font-weight: 600; }
h2.parent { border-bottom: 2px solid var(--line); padding-bottom: 2px; }
.scores-inline { color: var(--muted); font-size: 0.85em; font-weight: normal; }
.ccode { font-variant-numeric: tabular-nums; color: #2a4d7a; margin-right: 4px; }
section.criterion { border: 1px solid var(--line); border-radius: 6px; padding: 12px; margin: 12px 0; }
section.criterion[data-pending="1"] { border-left: 5px solid var(--warn); }
section.criterion[hidden], article[hidden], tr[hidden], h2[hidden] { display: none; }
table.scores td, table.scores th { text-align: center; min-width: 5.5em; }
.explanation { white-space: pre-wrap; overflow-wrap: anywhere; }
.label, .rule { color: var(--muted); font-size: 0.85em; }
.rule { font-weight: 600; }
ul.findings { padding-left: 20px; }
/* A file name of 200 characters without a space, quoted in a finding, wraps inside the card. */
ul.findings li { overflow-wrap: anywhere; }
ul.findings .effect { font-weight: 600; }
li.effect-zero .effect, li.effect-cap .effect { color: var(--bad); }
li.effect-review .effect { color: var(--warn); }
article.evidence { border-top: 1px dashed var(--line); padding-top: 10px; margin-top: 10px; }
article.evidence.unreadable h4 { color: var(--bad); }
.evidence-body { display: grid; grid-template-columns: minmax(0, max-content) minmax(22em, 1fr); gap: 12px; align-items: start; }
.crop-box { max-width: 780px; }
@media (max-width: 900px) { .evidence-body { grid-template-columns: 1fr; } }
img.crop { max-width: 100%; height: auto; border: 1px solid var(--line); background: #fff; display: block; }
.no-crop { color: var(--bad); }
a.pdf { font-weight: normal; font-size: 0.9em; margin-left: 8px; }
table.parts { width: 100%; font-size: 0.92em; }
table.parts td:first-child, table.parts td:last-child, table.parts th { white-space: nowrap; }
table.parts td.low { color: var(--bad); font-weight: 600; }
table.parts .sub { display: block; font-size: 0.85em; }
.corrected { color: var(--ok); font-weight: 600; }
form.correct { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; margin-top: 8px; padding: 6px 8px; background: #f7f9fb; border: 1px solid var(--line); }
form.correct input.w-num { width: 5em; } form.correct input.w-sym { width: 9em; } form.correct input.w-2 { width: 3em; } form.correct input.w-4 { width: 4.5em; }
form.correct .or { color: var(--muted); }
form.correct .state { color: var(--ok); font-weight: 600; }
form.correct .state.bad { color: var(--bad, #b00020); }
form.correct.changed { border-color: var(--ok); }
section.save { border: 2px solid #2a4d7a; border-radius: 6px; padding: 12px; margin-top: 24px; }
section.save button { font-size: 1em; padding: 4px 12px; margin-left: 12px; }
section.save button.secondary { font-size: 0.9em; }
#save-status { font-weight: 600; }
`;

export const AUDIT_JS = `
'use strict';
(function () {
  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var fold = function (s) { return String(s || '').normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\\s+/g, ''); };

  // Corrections typed on the unit pages, kept in this browser per audit folder: key STORE + unit.
  // A browser that keeps no storage for pages opened from disk still downloads from each unit page.
  var STORE = 'cchc-hieu-chinh|' + new URL(document.body.classList.contains('unit') ? '..' : '.', location.href).href + '|';
  var WHO = 'cchc-hieu-chinh-nguoi';
  var storage = (function () { try { var k = STORE + 'test'; localStorage.setItem(k, '1'); localStorage.removeItem(k); return localStorage; } catch (e) { return null; } })();
  var stored = function (unit) { try { return JSON.parse(storage.getItem(STORE + unit) || '{}') || {}; } catch (e) { return {}; } };
  var storedUnits = function () {
    var out = [];
    if (!storage) return out;
    for (var i = 0; i < storage.length; i += 1) { var k = storage.key(i); if (k && k.indexOf(STORE) === 0) out.push(k.slice(STORE.length)); }
    return out.sort();
  };
  function download(name, doc) {
    var blob = new Blob([JSON.stringify(doc, null, 2) + '\\n'], { type: 'application/json' });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function corrector() {
    var input = $('#corrector');
    if (storage && !input.value) input.value = storage.getItem(WHO) || '';
    input.addEventListener('change', function () { if (storage) storage.setItem(WHO, input.value.trim()); });
    return input;
  }

  function indexPage() {
    var table = $('#units');
    var body = table.tBodies[0];
    var rows = $$('tr', body);
    var shown = $('#shown');
    function filter() {
      var q = fold($('#unit-search').value);
      var onlyProvisional = $('#only-provisional').checked;
      var onlyPending = $('#only-pending').checked;
      var n = 0;
      rows.forEach(function (row) {
        var hide = (q && fold(row.getAttribute('data-text')).indexOf(q) < 0)
          || (onlyProvisional && row.getAttribute('data-provisional') !== '1')
          || (onlyPending && row.getAttribute('data-pending') !== '1');
        row.hidden = !!hide;
        if (!hide) n += 1;
      });
      shown.textContent = 'Hiển thị ' + n + '/' + rows.length + ' đơn vị';
    }
    $$('th[data-sort]', table).forEach(function (th) {
      var sort = function () {
        var col = Number(th.getAttribute('data-sort'));
        var numeric = th.getAttribute('data-type') === 'num';
        var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        $$('th', table).forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
        var key = function (row) {
          var cell = row.cells[col];
          if (!numeric) return cell.textContent.trim();
          var v = cell.getAttribute('data-value');
          return v === '' || v === null ? null : Number(v);
        };
        // Units without a value (not appraised, not ranked) stay last whichever way.
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
          return dir * (numeric ? (x === y ? 0 : x < y ? -1 : 1) : String(x).localeCompare(String(y), 'vi'));
        });
        rows.forEach(function (row) { body.appendChild(row); });
      };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    });
    ['#unit-search', '#only-provisional', '#only-pending'].forEach(function (sel) { $(sel).addEventListener('input', filter); $(sel).addEventListener('change', filter); });
    filter();

    // Every unit's corrections kept in this browser, saved as one file for the batch.
    var box = $('#corrections');
    var count = $('#correction-count');
    var status = $('#save-status');
    var who = corrector();
    var gather = function () {
      var list = [];
      storedUnits().forEach(function (unit) {
        var entries = stored(unit);
        Object.keys(entries).sort().forEach(function (sha) { var e = entries[sha]; e.unit = unit; list.push(e); });
      });
      return list;
    };
    var units = function (list) { return list.map(function (e) { return e.unit; }).filter(function (u, i, all) { return all.indexOf(u) === i; }); };
    var show = function () {
      var list = gather();
      count.textContent = list.length + (list.length > 0 ? ' (' + units(list).join(', ') + ')' : '');
    };
    if (!storage) status.textContent = 'Trình duyệt này không lưu dữ liệu cho trang mở từ đĩa: hãy lưu tệp hiệu chỉnh ở trang của từng đơn vị.';
    show();
    window.addEventListener('focus', show);
    window.addEventListener('pageshow', show);
    $('#save-batch-corrections').addEventListener('click', function () {
      var list = gather();
      var by = who.value.trim();
      if (!by) { status.textContent = 'Cần nhập họ và tên người hiệu chỉnh trước khi lưu.'; who.focus(); return; }
      if (list.length === 0) { status.textContent = 'Trình duyệt này chưa giữ hiệu chỉnh hoặc xác nhận nào của các đơn vị. Nếu đã nhập ở trang đơn vị mà ở đây vẫn không có, trình duyệt không chia sẻ dữ liệu giữa các trang mở từ đĩa: hãy lưu tệp ở trang của từng đơn vị.'; return; }
      var name = box.getAttribute('data-file');
      download(name, { format: 'cchc-corrections', version: 1, batch: box.getAttribute('data-batch'), by: by, at: new Date().toISOString(), corrections: list });
      status.textContent = 'Đã lưu ' + list.length + ' hiệu chỉnh của ' + units(list).length + ' đơn vị vào ' + name + '.';
    });
    $('#clear-batch-corrections').addEventListener('click', function () {
      var button = this;
      if (button.getAttribute('data-armed') !== '1') {
        button.setAttribute('data-armed', '1');
        button.textContent = 'Bấm lần nữa để xóa';
        return;
      }
      storedUnits().forEach(function (unit) { storage.removeItem(STORE + unit); });
      button.removeAttribute('data-armed');
      button.textContent = 'Xóa các hiệu chỉnh đã nhập trong trình duyệt';
      status.textContent = 'Đã xóa các hiệu chỉnh đã nhập trong trình duyệt này.';
      show();
    });
  }

  function unitPage() {
    var sections = $$('section.criterion');
    var shown = $('#shown');
    function filter() {
      var pending = $('#f-pending').checked, zeroed = $('#f-zeroed').checked, low = $('#f-low').checked;
      var rule = $('#f-rule').value;
      var q = fold($('#f-number').value);
      var n = 0;
      sections.forEach(function (s) {
        var hide = (pending && s.getAttribute('data-pending') !== '1')
          || (zeroed && s.getAttribute('data-zeroed') !== '1')
          || (low && s.getAttribute('data-low') !== '1')
          || (rule && (' ' + s.getAttribute('data-rules') + ' ').indexOf(' ' + rule + ' ') < 0);
        var articles = $$('article.evidence', s);
        if (!hide && q) {
          var any = false;
          articles.forEach(function (a) {
            var match = fold(a.getAttribute('data-number')).indexOf(q) >= 0;
            a.hidden = !match;
            if (match) any = true;
          });
          hide = !any;
        } else articles.forEach(function (a) { a.hidden = false; });
        s.hidden = !!hide;
        if (!hide && !s.classList.contains('others')) n += 1;
      });
      // A filtered page lists the matching criteria only; their parent headings would stand empty.
      var filtering = pending || zeroed || low || !!rule || !!q;
      $$('h2.parent').forEach(function (h) { h.hidden = filtering; });
      shown.textContent = 'Hiển thị ' + n + ' tiêu chí';
    }
    ['#f-pending', '#f-zeroed', '#f-low', '#f-rule', '#f-number'].forEach(function (sel) { $(sel).addEventListener('input', filter); $(sel).addEventListener('change', filter); });
    filter();

    var box = $('#corrections');
    var unit = box.getAttribute('data-unit');
    var entries = {};
    var count = $('#correction-count');
    /** What of a typed correction the run would refuse (Vietnamese clauses); empty when none. */
    function invalidParts(typed) {
      var problems = [];
      var squeeze = function (v) { return String(v).replace(/\\s+/g, ''); };
      if (typed.numeral !== undefined && !/^\\d{1,6}\\p{L}{0,3}$/u.test(squeeze(typed.numeral))) problems.push('số "' + typed.numeral + '" không hợp lệ (cần chữ số, có thể kèm chữ cái như 30a)');
      if (typed.symbol !== undefined && !/^[\\p{L}\\p{N}][\\p{L}\\p{N}.\\/&-]{0,59}$/u.test(squeeze(typed.symbol))) problems.push('ký hiệu "' + typed.symbol + '" không hợp lệ (như KH-SXD)');
      var ranges = { day: [1, 31, 'ngày'], month: [1, 12, 'tháng'], year: [1900, 2100, 'năm'] };
      var ok = true;
      ['day', 'month', 'year'].forEach(function (k) {
        var v = typed[k];
        if (v === undefined) return;
        var r = ranges[k];
        if (typeof v !== 'number' || v < r[0] || v > r[1]) {
          ok = false;
          problems.push(r[2] + ' "' + v + '" không hợp lệ (cần số nguyên từ ' + r[0] + ' đến ' + r[1] + ')');
        }
      });
      if (ok && typed.day !== undefined && typed.month !== undefined) {
        var year = typed.year !== undefined ? typed.year : 2000;
        var d = new Date(Date.UTC(year, typed.month - 1, typed.day));
        if (d.getUTCDate() !== typed.day) problems.push('ngày ' + typed.day + '/' + typed.month + (typed.year !== undefined ? '/' + typed.year : '') + ' không có thật');
      }
      return problems;
    }
    function update(form) {
      var article = form.closest('article');
      var sha = form.getAttribute('data-sha256');
      var typed = {};
      ['numeral', 'symbol', 'day', 'month', 'year'].forEach(function (part) {
        var v = form.elements[part].value.trim();
        if (!v) return;
        // Numbers stay text when they are not numbers: the run reports them, naming the entry.
        typed[part] = (part === 'numeral' || part === 'symbol' || !/^\\d+$/.test(v)) ? v : Number(v);
      });
      var state = $('.state', form);
      // Checked as the run checks a corrections file (read-corrections.ts), so an impossible value is
      // said now, at the form, not by tomorrow's run: such an entry is not kept.
      var problems = invalidParts(typed);
      state.classList.toggle('bad', problems.length > 0);
      if (problems.length > 0) {
        delete entries[sha];
        state.textContent = 'Chưa ghi: ' + problems.join('; ');
      } else if (Object.keys(typed).length > 0) {
        var e = { sha256: sha, file: article.getAttribute('data-file'), action: 'correct' };
        Object.keys(typed).forEach(function (k) { e[k] = typed[k]; });
        entries[sha] = e;
        state.textContent = 'Đã ghi hiệu chỉnh';
      } else if (form.getAttribute('data-confirmed') === '1') {
        entries[sha] = { sha256: sha, file: article.getAttribute('data-file'), action: 'confirm', number: article.getAttribute('data-number') || null, date: article.getAttribute('data-date') || null };
        state.textContent = 'Đã xác nhận';
      } else {
        delete entries[sha];
        state.textContent = '';
      }
      form.classList.toggle('changed', !!entries[sha]);
      count.textContent = String(Object.keys(entries).length);
      if (storage) {
        if (Object.keys(entries).length > 0) storage.setItem(STORE + unit, JSON.stringify(entries));
        else storage.removeItem(STORE + unit);
      }
    }
    $$('form.correct').forEach(function (form) {
      form.addEventListener('submit', function (e) { e.preventDefault(); });
      form.addEventListener('input', function () { update(form); });
      form.addEventListener('change', function () { update(form); });
      $('button.confirm', form).addEventListener('click', function () {
        form.setAttribute('data-confirmed', form.getAttribute('data-confirmed') === '1' ? '0' : '1');
        update(form);
      });
    });
    // What was typed before (a reload, another visit) comes back, for the files still on the page.
    var kept = stored(unit);
    var forms = $$('form.correct');
    forms.forEach(function (form) {
      var e = kept[form.getAttribute('data-sha256')];
      if (!e) return;
      if (e.action === 'confirm') form.setAttribute('data-confirmed', '1');
      else ['numeral', 'symbol', 'day', 'month', 'year'].forEach(function (part) { if (e[part] !== undefined) form.elements[part].value = String(e[part]); });
    });
    if (Object.keys(kept).length > 0) forms.forEach(update);
    if (storage && Object.keys(entries).length === 0) storage.removeItem(STORE + unit);
    var who = corrector();
    $('#save-corrections').addEventListener('click', function () {
      var status = $('#save-status');
      var by = who.value.trim();
      var list = Object.keys(entries).map(function (k) { return entries[k]; });
      if (!by) { status.textContent = 'Cần nhập họ và tên người hiệu chỉnh trước khi lưu.'; who.focus(); return; }
      if (list.length === 0) { status.textContent = 'Chưa có hiệu chỉnh hoặc xác nhận nào để lưu.'; return; }
      var name = 'hieu-chinh-' + unit.replace(/[^\\p{L}\\p{N}_-]/gu, '_') + '.json';
      download(name, { format: 'cchc-corrections', version: 1, unit: unit, by: by, at: new Date().toISOString(), corrections: list });
      status.textContent = 'Đã lưu ' + list.length + ' hiệu chỉnh vào ' + name + '.';
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (document.body.classList.contains('index')) indexPage();
    else if (document.body.classList.contains('unit')) unitPage();
  });
})();
`;
