// slip.js — the legal slips of the one-stop circular (forms 01–06) as a
// printable page built from the dossier: receipt and appointment, request to
// supplement, refusal, apology with a new date, stop notice, and the
// processing control sheet. The slip itself is always in Vietnamese (it is a
// legal document); the buttons around it follow the chosen language.
import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { get } from '../api.js';
import { fmtDateTime, fmtDate } from '../format.js';
import { path } from '../router.js';
import { crumbs } from '../ui.js';
import { procName, receivingUnitName, dueOf, applicantName, eventData, stepName, procedureOf } from '../dossier.js';

const TITLES = {
  '01': 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  '02': 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  '03': 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
  '04': 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
  '05': 'Phiếu dừng xử lý hồ sơ',
  '06': 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
};

function lastEvent(d, action) {
  return [...(d.events || [])].reverse().find((e) => e.action === action) || {};
}

function reasonOf(ev) { return eventData(ev).reason || ev.note || '…'; }

function vnDateLine(v) {
  const s = fmtDate(v);
  if (s === '—') return '';
  const [dd, mm, yyyy] = s.split('/');
  return `ngày ${dd} tháng ${mm} năm ${yyyy}`;
}

export default async function page({ root, params, setTitle, signal }) {
  const d = await get(`/dossiers/${encodeURIComponent(params.code)}`, null, { signal });
  const proc = await procedureOf(d);
  const form = params.form;
  const title = TITLES[form];
  if (!title) throw Object.assign(new Error(t('slip.unknown')), { status: 404 });
  setTitle(`${t(`slip.f${form}`)} — ${d.code}`);
  const unit = receivingUnitName(d) || '';
  const a = d.applicant || {};
  const comps = (proc && proc.components) || [];
  const attached = new Set((d.attachments || []).map((x) => x.component));
  const rows = [];
  const line = (label, value) => rows.push(h('p', null, `${label}: `, h('strong', null, value || '…')));

  line('Mã hồ sơ', d.code);
  line('Tên thủ tục', procName(d));
  line('Người nộp hồ sơ', applicantName(d));
  if (a.id_number) line('Số định danh cá nhân', a.id_number);
  if (a.phone) line('Số điện thoại', a.phone);
  if (a.address) line('Địa chỉ', a.address);

  let bodyExtra = null;
  if (form === '01') {
    line('Thời điểm tiếp nhận', fmtDateTime(d.received_at));
    bodyExtra = [
      h('p', null, 'Thành phần hồ sơ đã nhận:'),
      h('table', null, h('thead', null, h('tr', null, h('th', null, 'STT'), h('th', null, 'Tên giấy tờ'), h('th', null, 'Đã nộp'))),
        h('tbody', null, comps.map((c, i) => h('tr', null, h('td', null, String(i + 1)), h('td', null, c.name), h('td', null, attached.has(c.code) ? 'Có' : '—'))))),
      h('p', null, 'Thời gian giải quyết hồ sơ theo quy định: ', h('strong', null, (proc && proc.time_label) || '')),
      h('p', null, 'Ngày hẹn trả kết quả: ', h('strong', null, fmtDateTime(dueOf(d)))),
      h('p', null, 'Nơi trả kết quả: Bộ phận Một cửa — ', unit),
    ];
  } else if (form === '02') {
    const ev = lastEvent(d, 'request_supplement');
    bodyExtra = [h('p', null, 'Qua xem xét, hồ sơ của Ông/Bà cần bổ sung, hoàn thiện những nội dung sau:'),
      h('p', { class: 'tl-note' }, reasonOf(ev)),
      h('p', null, 'Lý do: để đủ điều kiện giải quyết theo quy định. Mọi vướng mắc xin liên hệ Bộ phận Một cửa — ', unit, '.')];
  } else if (form === '03') {
    const ev = lastEvent(d, 'refuse');
    bodyExtra = [h('p', null, 'Bộ phận Một cửa từ chối tiếp nhận hồ sơ với lý do:'), h('p', { class: 'tl-note' }, reasonOf(ev)),
      h('p', null, 'Xin thông báo để Ông/Bà biết và thực hiện.')];
  } else if (form === '04') {
    const ev = lastEvent(d, 'apology');
    bodyExtra = [h('p', null, 'Ngày hẹn trả kết quả ban đầu: ', h('strong', null, fmtDateTime(dueOf(d)))),
      h('p', null, 'Lý do chậm trả kết quả:'), h('p', { class: 'tl-note' }, reasonOf(ev)),
      h('p', null, 'Cơ quan giải quyết xin lỗi Ông/Bà và hẹn lại ngày trả kết quả: ', h('strong', null, fmtDateTime(d.apology_due_at))),
      h('p', null, 'Mong Ông/Bà thông cảm.')];
  } else if (form === '05') {
    const ev = lastEvent(d, 'stop');
    bodyExtra = [h('p', null, 'Cơ quan giải quyết thông báo dừng xử lý hồ sơ với lý do:'), h('p', { class: 'tl-note' }, reasonOf(ev))];
  } else if (form === '06') {
    const steps = d.steps || [];
    bodyExtra = [h('table', null,
      h('thead', null, h('tr', null, ['Bước', 'Đơn vị / người thực hiện', 'Nhận lúc', 'Hạn', 'Hoàn thành', 'Kết quả'].map((x) => h('th', null, x)))),
      h('tbody', null, steps.map((s) => h('tr', null,
        h('td', null, stepName(s)), h('td', null, [s.unit_name, s.actor_name || (s.role ? t(`role.${s.role}`) : '')].filter(Boolean).join(' · ')),
        h('td', null, fmtDateTime(s.started_at)), h('td', null, fmtDateTime(s.due_at)), h('td', null, fmtDateTime(s.ended_at)),
        h('td', null, !s.ended_at ? 'Đang xử lý' : s.on_time === false ? 'Trễ hạn' : s.on_time === true ? 'Đúng hạn' : 'Đã xong'))))),
      h('p', null, 'Ngày hẹn trả kết quả: ', h('strong', null, fmtDateTime(dueOf(d))))];
  }

  const today = new Date();
  root.append(h('div', { class: 'wrap page' },
    h('div', { class: 'no-print' },
      crumbs([{ href: '/can-bo', label: t('desk.title') }, { href: path('/can-bo/ho-so/:code', { code: d.code }), label: d.code }, { label: t(`slip.f${form}`) }]),
      h('div', { class: 'row-between section' },
        h('h1', null, t(`slip.f${form}`)),
        h('div', { class: 'actions' },
          h('button', { class: 'btn', type: 'button', onclick: () => window.print() }, icon('printer'), t('slip.print')),
          h('a', { class: 'btn secondary', href: `/api/v1/dossiers/${encodeURIComponent(d.code)}/slips/${form}.pdf`,
                   target: '_blank', rel: 'noopener' }, t('slip.pdf')),
          h('a', { class: 'btn secondary', href: path('/can-bo/ho-so/:code', { code: d.code }) }, t('slip.back'))))),
    h('article', { class: 'slip', lang: 'vi' },
      h('div', { class: 'slip-top' },
        h('div', null, h('strong', null, unit.toUpperCase()), h('strong', null, 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ'), h('span', null, `Số: ${d.code}`)),
        h('div', null, h('strong', null, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), h('strong', null, 'Độc lập - Tự do - Hạnh phúc'),
          h('em', null, vnDateLine(today)))),
      h('h1', null, title),
      h('p', { class: 'slip-sub' }, `Mẫu số ${form}`),
      rows, bodyExtra,
      h('div', { class: 'sign' },
        h('div', null, h('strong', null, form === '01' ? 'NGƯỜI NỘP HỒ SƠ' : ''), h('br'), h('em', null, form === '01' ? '(Ký và ghi rõ họ tên)' : '')),
        h('div', null, h('strong', null, 'NGƯỜI TIẾP NHẬN HỒ SƠ'), h('br'), h('em', null, '(Ký và ghi rõ họ tên)'))),
      h('p', { class: 'slip-foot' }, `Tra cứu tình trạng hồ sơ tại ${location.origin}/tra-cuu?code=${d.code}`))));
}
