// The capacity plan: weekly demand months ahead → required FTE → supply → the hiring plan the optimiser chooses;
// scenarios kept on the server and compared side by side.
import { loadLanguage } from './i18n.js';
import { renderLayout } from './layout.js';
import { cell, failure } from './dom.js';

let i18n, center;
// Settings loaded from a file: fields the form has no place for (holidays, leave, transfers) pass through with them.
let loaded = {};
const $ = id => document.getElementById(id);
const number = id => ($(id).value === '' ? null : Number($(id).value));

function input(type, value, attrs = {}) {
  const el = document.createElement('input');
  el.type = type;
  el.value = value ?? '';
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

function queueSelect(multiple, chosen = []) {
  const select = document.createElement('select');
  select.multiple = multiple;
  if (!multiple) select.append(new Option(i18n.t('capacity.allQueues'), ''));
  for (const q of center.queues.filter(q => !q.deactivated)) {
    const option = new Option(`${q.name} (${q.id})`, q.id);
    option.selected = chosen.includes(q.id);
    select.append(option);
  }
  return select;
}

function removeButton(tr) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = i18n.t('capacity.remove');
  b.addEventListener('click', () => tr.remove());
  return b;
}

function addHiring(skills = [], values = {}) {
  const tr = document.createElement('tr');
  cell(tr, queueSelect(true, skills));
  cell(tr, input('number', values.min ?? 5, { min: 0, step: 1, 'data-field': 'min' }));
  cell(tr, input('number', values.max ?? 20, { min: 1, step: 1, 'data-field': 'max' }));
  cell(tr, input('number', values.classroom ?? 3, { min: 0, max: 26, step: 1 }));
  cell(tr, input('text', values.ramp ?? '0.5, 0.75', { size: 10 }));
  cell(tr, input('number', values.hireCost ?? 1500, { min: 0, step: 100 }));
  cell(tr, input('number', values.trainingCost ?? 200, { min: 0, step: 10 }));
  cell(tr, removeButton(tr));
  $('hiring').tBodies[0].append(tr);
}

function addChange() {
  const tr = document.createElement('tr');
  const what = document.createElement('select');
  what.append(new Option(i18n.t('capacity.whatVolume'), 'volume'), new Option(i18n.t('capacity.whatAht'), 'aht'));
  cell(tr, what);
  cell(tr, input('number', 10, { min: -99, max: 1000, step: 1 }));
  cell(tr, input('date', $('start').value));
  cell(tr, input('date', ''));
  cell(tr, queueSelect(false));
  cell(tr, removeButton(tr));
  $('changes').tBodies[0].append(tr);
}

function addEvent() {
  const tr = document.createElement('tr');
  cell(tr, input('date', $('start').value));
  cell(tr, input('text', '', { size: 16 }));
  cell(tr, input('number', 1.3, { min: 0, max: 20, step: 0.05 }));
  cell(tr, input('number', 1, { min: 1, max: 366, step: 1 }));
  cell(tr, removeButton(tr));
  $('events').tBodies[0].append(tr);
}

function addLeave(values = {}) {
  const tr = document.createElement('tr');
  cell(tr, input('date', values.from ?? $('start').value));
  cell(tr, input('date', values.to ?? $('start').value));
  cell(tr, input('number', values.fte ?? 1, { min: 0, step: 0.5 }));
  cell(tr, queueSelect(true, values.skills ?? []));
  cell(tr, input('text', values.name ?? '', { size: 14 }));
  cell(tr, removeButton(tr));
  $('leave').tBodies[0].append(tr);
}

function addTransfer(values = {}) {
  const tr = document.createElement('tr');
  cell(tr, input('date', values.week ?? $('start').value));
  cell(tr, queueSelect(true, values.from ?? []));
  cell(tr, queueSelect(true, values.to ?? []));
  cell(tr, input('number', values.heads ?? 1, { min: 1, step: 1 }));
  cell(tr, removeButton(tr));
  $('transfers').tBodies[0].append(tr);
}

const chosen = select => [...select.selectedOptions].map(o => o.value);

const rowInputs = tr => [...tr.querySelectorAll('input, select')];

function shrinkage() {
  const result = {};
  for (const part of $('shrinkage').value.split(',').map(p => p.trim()).filter(p => p)) {
    const [name, value] = part.split('=').map(p => p.trim());
    if (!name || value === undefined || !Number.isFinite(Number(value))) throw new Error(`${i18n.t('capacity.shrinkage')}: ${part} (name=percent)`);
    result[name] = Number(value) / 100;
  }
  return result;
}

function request() {
  const hiring = [...$('hiring').tBodies[0].rows].map(tr => {
    const [skills, min, max, classroom, ramp, hireCost, trainingCost] = rowInputs(tr);
    return {
      ...JSON.parse(tr.dataset.extra ?? '{}'),
      skills: [...skills.selectedOptions].map(o => o.value),
      minClassSize: Number(min.value), maxClassSize: Number(max.value), classroomWeeks: Number(classroom.value),
      ramp: ramp.value.split(/[,;\s]+/).filter(v => v).map(Number),
      hireCost: Number(hireCost.value), trainingCostPerWeek: Number(trainingCost.value),
    };
  });
  const changes = [...$('changes').tBodies[0].rows].map(tr => {
    const [what, percent, from, to, queue] = rowInputs(tr);
    return { what: what.value, percent: Number(percent.value), from: from.value, to: to.value || null, queues: queue.value ? [queue.value] : null };
  });
  const events = [...$('events').tBodies[0].rows].map(tr => {
    const [date, name, factor, days] = rowInputs(tr);
    return { date: date.value, name: name.value, factor: Number(factor.value), days: Number(days.value) };
  });
  const leave = [...$('leave').tBodies[0].rows].map(tr => {
    const [from, to, fte, skills, name] = rowInputs(tr);
    return { from: from.value, to: to.value, fte: Number(fte.value), skills: chosen(skills).length ? chosen(skills) : null, name: name.value || null };
  });
  const transfers = [...$('transfers').tBodies[0].rows].map(tr => {
    const [week, from, to, heads] = rowInputs(tr);
    return { week: week.value, from: chosen(from), to: chosen(to), heads: Number(heads.value) };
  });
  return {
    ...loaded,
    leave, transfers,
    name: $('name').value || null,
    start: $('start').value || null,
    weeks: number('weeks'),
    scenario: {
      volumePercent: number('volume') ?? 0, ahtPercent: number('aht') ?? 0, attritionPercent: number('attrition-change') ?? 0,
      targetPercent: number('target-percent'), targetSeconds: number('target-seconds'),
    },
    fullTimeHours: number('full-time'),
    shrinkage: shrinkage(),
    attrition: {
      monthlyRate: (number('monthly-attrition') ?? 0) / 100,
      newHireMonthlyRate: number('new-hire-attrition') == null ? null : number('new-hire-attrition') / 100,
      fromTenure: $('from-tenure').checked,
    },
    weeklyCostPerFte: number('pay'),
    leadTimeWeeks: number('lead-time'),
    trainers: number('trainers'),
    budgetPerQuarter: number('budget-quarter'),
    totalBudget: number('total-budget'),
    overtimeShare: (number('overtime') ?? 0) / 100,
    overtimeCostFactor: number('overtime-factor'),
    shortPenaltyPerFteWeek: number('penalty'),
    noLayoffs: $('no-layoffs').checked,
    hiring, changes, events,
  };
}

function showError(error) {
  $('error').hidden = !error;
  $('error').textContent = error ? `${i18n.t('capacity.error')}: ${error.message}` : '';
}

const money = value => i18n.int(value);

/** The attrition the plan used, in the page's words: monthly rates by tenure, and where they came from. */
function attritionText(r) {
  const a = r.rates;
  if (!a) return `${i18n.t('capacity.attritionWord')}: ${r.attrition}`;
  const rates = `${i18n.pct(a.firstQuarterMonthly)} / ${i18n.pct(a.firstYearMonthly)} / ${i18n.pct(a.laterMonthly)}`;
  return `${i18n.t('capacity.attritionWord')} (${i18n.t('capacity.attritionBands')}): ${rates}, ${i18n.t(a.fromTenure ? 'capacity.attritionFromDates' : 'capacity.attritionTyped')}`;
}

/** Why a week stays short, in the page's language: the reason's sentence with its date or figure. */
function why(s) {
  const sentence = i18n.t(`capacity.why.${s.reason}`);
  if (sentence === `capacity.why.${s.reason}`) return s.why;
  const detail = /^\d{4}-\d{2}-\d{2}$/.test(s.detail) ? i18n.day(s.detail) : /^\d+$/.test(s.detail) ? i18n.int(Number(s.detail)) : s.detail;
  return sentence.replace('{0}', detail);
}

function fill(table, rows, columns) {
  const body = $(table).tBodies[0];
  body.replaceChildren();
  for (const [i, r] of rows.entries()) {
    const tr = document.createElement('tr');
    for (const c of columns) cell(tr, c(r, i));
    body.append(tr);
  }
  return body;
}

function show(plan) {
  const r = plan.result;
  const h = r.plan;
  $('result').hidden = false;
  $('result-title').textContent = `${plan.name} · ${i18n.day(r.start)} · ${i18n.int(r.weeks)} ${i18n.t('capacity.weeksWord')}`;
  $('summary').textContent = [
    `${i18n.t('capacity.status')}: ${i18n.t(`capacity.status.${h.status}`)} (${i18n.t('capacity.gap')} ${i18n.pct(h.gap)})`,
    `${i18n.t('capacity.shrinkage')}: ${i18n.pct(r.shrinkage)}`,
    attritionText(r),
    ...r.queues.map(q => `${q.queueId}: ${q.model} ${i18n.target(q.targetPercent, q.targetSeconds)}${q.yearlySeason ? ` · ${i18n.t('capacity.yearly')}` : ''}`),
  ].join(' · ');
  $('chart').src = `/api/capacity/plans/${plan.id}/chart.svg?lang=${i18n.language.code}`;
  fill('classes', h.classes, [c => c.groupId, c => i18n.day(c.start), c => i18n.int(c.size), c => i18n.day(c.onFloor), c => i18n.day(c.fullyProductive), c => money(c.cost)]);
  if (h.classes.length === 0) fill('classes', [null], [() => i18n.t('capacity.noClasses')]);
  const c = h.cost;
  fill('money', [
    ['capacity.existingPay', c.existingPay], ['capacity.newHirePay', c.newHirePay], ['capacity.hiringCost', c.hiring], ['capacity.trainingCostTotal', c.training],
    ['capacity.overtimeCost', c.overtime], ['capacity.layoffs', c.layoffs], ['capacity.totalCost', c.existingPay + c.newHirePay + c.hiring + c.training + c.overtime + c.layoffs],
  ], [x => i18n.t(x[0]), x => money(x[1])]);
  fill('short', h.shortWeeks, [s => i18n.day(s.week), s => s.queueId, s => i18n.num(s.shortFte), why]);
  if (h.shortWeeks.length === 0) fill('short', [null], [() => i18n.t('capacity.noShort')]);
  fill('accuracy', r.queues.flatMap(q => q.accuracy.map(a => ({ queue: q.queueId, ...a }))), [a => a.queue, a => a.method, a => i18n.pct(a.wape), a => i18n.int(a.weeks)]);
  const notes = $('notes');
  notes.replaceChildren(...[...r.notes, ...r.queues.flatMap(q => q.notes.map(n => `${q.queueId}: ${n}`))].map(n => { const li = document.createElement('li'); li.textContent = n; return li; }));
  const body = fill('weeks-table', r.totals, [
    t => i18n.day(t.week), t => i18n.num(t.requiredFte), t => i18n.num(t.flatFte), t => i18n.num(t.availableFte), t => i18n.num(t.overtimeFte),
    t => i18n.num(t.shortFte), t => i18n.num(t.heads), t => i18n.int(t.hiresStarting), t => i18n.pct(t.serviceLevel)]);
  [...body.rows].forEach((tr, i) => { if (r.totals[i].shortFte > 0.05) tr.className = 'short'; });
  $('csv').href = `/api/capacity/plans/${plan.id}/plan.csv`;
  showMonths(r);
}

/** Fills the form from a settings file (the CLI's --hiring JSON); what the form cannot show is kept and sent as it is. */
async function loadSettings(file) {
  showError(null);
  let settings;
  try { settings = JSON.parse(await file.text()); } catch (e) { showError(new Error(`${file.name}: ${e.message}`)); return; }
  loaded = settings;
  const set = (id, value, scale = 1) => { if (value !== undefined && value !== null) $(id).value = value * scale; };
  set('name', settings.name);
  set('start', settings.start);
  set('weeks', settings.weeks);
  set('volume', settings.scenario?.volumePercent);
  set('aht', settings.scenario?.ahtPercent);
  set('attrition-change', settings.scenario?.attritionPercent);
  set('target-percent', settings.scenario?.targetPercent);
  set('target-seconds', settings.scenario?.targetSeconds);
  set('full-time', settings.fullTimeHours);
  if (settings.shrinkage) $('shrinkage').value = Object.entries(settings.shrinkage).map(([k, v]) => `${k}=${Math.round(v * 1000) / 10}`).join(', ');
  set('monthly-attrition', settings.attrition?.monthlyRate, 100);
  set('new-hire-attrition', settings.attrition?.newHireMonthlyRate, 100);
  if (settings.attrition?.fromTenure !== undefined) $('from-tenure').checked = settings.attrition.fromTenure;
  set('pay', settings.weeklyCostPerFte);
  set('lead-time', settings.leadTimeWeeks);
  set('trainers', settings.trainers);
  set('budget-quarter', settings.budgetPerQuarter);
  set('total-budget', settings.totalBudget);
  set('overtime', settings.overtimeShare, 100);
  set('overtime-factor', settings.overtimeCostFactor);
  set('penalty', settings.shortPenaltyPerFteWeek);
  if (settings.noLayoffs !== undefined) $('no-layoffs').checked = settings.noLayoffs;
  if (settings.hiring) {
    $('hiring').tBodies[0].replaceChildren();
    for (const h of settings.hiring) {
      addHiring(h.skills ?? [], { min: h.minClassSize, max: h.maxClassSize, classroom: h.classroomWeeks, ramp: (h.ramp ?? [0.5, 0.75]).join(', '), hireCost: h.hireCost, trainingCost: h.trainingCostPerWeek });
      const row = $('hiring').tBodies[0].lastElementChild;
      row.dataset.extra = JSON.stringify({ weeklyCostPerFte: h.weeklyCostPerFte ?? null, hoursPerWeek: h.hoursPerWeek ?? 40 });
    }
  }
  if (settings.changes) {
    $('changes').tBodies[0].replaceChildren();
    for (const c of settings.changes) {
      addChange();
      const [what, percent, from, to, queue] = rowInputs($('changes').tBodies[0].lastElementChild);
      what.value = c.what.toLowerCase(); percent.value = c.percent; from.value = c.from; to.value = c.to ?? ''; queue.value = c.queues?.[0] ?? '';
    }
  }
  if (settings.leave) {
    $('leave').tBodies[0].replaceChildren();
    for (const l of settings.leave) addLeave(l);
  }
  if (settings.transfers) {
    $('transfers').tBodies[0].replaceChildren();
    for (const t of settings.transfers) addTransfer(t);
  }
  if (settings.events) {
    $('events').tBodies[0].replaceChildren();
    for (const e of settings.events) {
      addEvent();
      const [date, name, factor, days] = rowInputs($('events').tBodies[0].lastElementChild);
      date.value = e.date; name.value = e.name; factor.value = e.factor ?? 1; days.value = e.days ?? 1;
    }
  }
}

/** Each queue's contacts by month of the page's calendar (Solar Hijri in Persian); a month the plan covers only in part is marked. */
function showMonths(r) {
  const head = $('months-table').tHead.rows[0];
  while (head.cells.length > 1) head.deleteCell(1);
  for (const q of r.queues) { const th = document.createElement('th'); th.textContent = q.queueId; head.append(th); }
  const format = new Intl.DateTimeFormat(`${i18n.locale}-u-ca-${i18n.language.calendar}`, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  const start = Date.parse(`${r.start}T00:00:00Z`);
  const months = new Map();
  const count = r.queues[0]?.days?.length ?? 0;
  for (let d = 0; d < count; d++) {
    const label = format.format(new Date(start + (d * 86400000)));
    const month = months.get(label) ?? { label, first: d, last: d, volumes: r.queues.map(() => 0) };
    month.last = d;
    r.queues.forEach((q, i) => { month.volumes[i] += q.days[d]; });
    months.set(label, month);
  }
  const list = [...months.values()];
  fill('months-table', list, [
    (m, i) => (i === 0 && format.format(new Date(start - 86400000)) === m.label) || (i === list.length - 1 && format.format(new Date(start + (count * 86400000))) === m.label)
      ? `${m.label} (${i18n.t('capacity.partMonth')})` : m.label,
    ...r.queues.map((_, qi) => m => i18n.int(m.volumes[qi]))]);
}

async function refreshPlans(chosen = []) {
  // What the planner has ticked stays ticked.
  chosen = [...chosen, ...[...$('plans').querySelectorAll('input[type=checkbox]:checked')].map(b => Number(b.value))];
  const plans = await (await fetch('/api/capacity/plans')).json();
  const body = $('plans').tBodies[0];
  body.replaceChildren();
  for (const p of plans) {
    const tr = document.createElement('tr');
    tr.dataset.plan = p.id;
    const box = input('checkbox', p.id);
    box.checked = chosen.includes(p.id);
    cell(tr, box);
    const open = document.createElement('a');
    open.href = '#';
    open.textContent = p.name;
    open.addEventListener('click', async e => { e.preventDefault(); await openPlan(p.id); });
    cell(tr, open);
    cell(tr, i18n.day(p.start));
    cell(tr, i18n.int(p.weeks));
    cell(tr, i18n.stamp(p.createdAt, center.timeZone));
    const del = document.createElement('button');
    del.type = 'button';
    del.textContent = i18n.t('capacity.delete');
    del.addEventListener('click', async () => {
      const response = await fetch(`/api/capacity/plans/${p.id}`, { method: 'DELETE' });
      if (!response.ok) showError(await failure(response)); else await refreshPlans();
    });
    cell(tr, del);
    body.append(tr);
  }
}

async function openPlan(id) {
  const response = await fetch(`/api/capacity/plans/${id}`);
  if (!response.ok) { showError(await failure(response)); return; }
  show(await response.json());
}

async function compare() {
  showError(null);
  const ids = [...$('plans').querySelectorAll('input[type=checkbox]:checked')].map(b => b.value);
  const response = await fetch(`/api/capacity/compare?ids=${ids.join(',')}&lang=${i18n.language.code}`);
  if (!response.ok) { showError(await failure(response)); return; }
  const comparison = await response.json();
  $('comparison').hidden = false;
  const pct = v => i18n.signedPct(v / 100);
  fill('comparison-table', comparison.rows, [
    r => r.name, r => `${pct(r.scenario.volumePercent)} / ${pct(r.scenario.ahtPercent)} / ${pct(r.scenario.attritionPercent)}`, r => i18n.num(r.peakRequiredFte),
    r => i18n.num(r.meanAvailableFte), r => `${i18n.int(r.hires)} (${i18n.int(r.classes)})`, r => i18n.int(r.shortWeeks), r => money(r.totalCost), r => money(r.addedCost),
    r => i18n.pct(r.meanServiceLevel)]);
  $('comparison-chart').src = URL.createObjectURL(new Blob([comparison.chartSvg], { type: 'image/svg+xml' }));
}

async function make(e) {
  e.preventDefault();
  showError(null);
  $('busy').hidden = false;
  $('make').disabled = true;
  try {
    const response = await fetch('/api/capacity/plans', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request()) });
    if (!response.ok) throw await failure(response);
    const plan = await response.json();
    await refreshPlans([plan.id]);
    show(plan);
  } catch (err) {
    showError(err);
  } finally {
    $('busy').hidden = true;
    $('make').disabled = false;
  }
}

async function start() {
  i18n = await loadLanguage();
  renderLayout(i18n, 'capacity');
  i18n.apply();
  center = await (await fetch('/api/center')).json();
  // Each queue on its own by default: a class per queue, hired for that queue's skill.
  for (const q of center.queues.filter(q => !q.deactivated)) addHiring([q.id]);
  $('add-hiring').addEventListener('click', () => addHiring());
  $('add-change').addEventListener('click', addChange);
  $('add-event').addEventListener('click', addEvent);
  $('add-leave').addEventListener('click', () => addLeave());
  $('add-transfer').addEventListener('click', () => addTransfer());
  $('capacity-form').addEventListener('submit', make);
  $('settings-file').addEventListener('change', e => loadSettings(e.target.files[0]));
  $('compare').addEventListener('click', compare);
  await refreshPlans();
  const id = new URLSearchParams(location.search).get('plan');
  if (id) await openPlan(id);
  document.body.dataset.ready = 'true';
}

start();
