// Setting up one's own center: settings, queues, teams, contracts, agents (with CSV import and export), shift
// templates and rule sets. Each kind is a table with edit, deactivate and activate, and a form that creates or
// updates; the server checks everything and its errors are shown next to the form, field by field.
import { loadLanguage } from './i18n.js';
import { renderLayout } from './layout.js';
import { cell, failure } from './dom.js';

const i18n = await loadLanguage();
renderLayout(i18n, 'center');
i18n.apply();
const t = key => i18n.t(key);
const $ = id => document.getElementById(id);
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const list = text => (text || '').split(/[;,]/).map(s => s.trim()).filter(Boolean);

let setup = await (await fetch('/api/center/setup')).json();

// What each kind's form holds: the field the API takes, its label, its input, and how a stored entry fills it.
const KINDS = [
  {
    id: 'queues', path: 'queues', title: 'center.queues',
    fields: [
      { key: 'id', label: 'center.id', required: true, fixed: true },
      { key: 'name', label: 'center.name', required: true },
      { key: 'channel', label: 'center.channel', type: 'select', options: () => ['Voice', 'Chat', 'Email', 'Social', 'Messaging'].map(c => [c, t(`channel.${c}`)]) },
      { key: 'targetPercent', label: 'center.targetPercent', type: 'number', value: q => q.target.percent, initial: 80 },
      { key: 'targetSeconds', label: 'center.targetSeconds', type: 'number', value: q => q.target.thresholdSeconds, initial: 20 },
      { key: 'hours', label: 'center.hours', example: 'Mon-Fri 08:00-20:00; Sat 09:00-14:00', wide: true },
      { key: 'acdId', label: 'center.acdId' },
    ],
    columns: [q => q.id, q => q.name, q => t(`channel.${q.channel}`), q => `${i18n.num(q.target.percent)} % / ${i18n.int(q.target.thresholdSeconds)} s`, q => q.hours || '24/7', q => q.acdId || '–'],
    headers: ['center.id', 'center.name', 'center.channel', 'center.target', 'center.hours', 'center.acdId'],
  },
  {
    id: 'teams', path: 'teams', title: 'center.teams',
    fields: [
      { key: 'id', label: 'center.id', required: true, fixed: true },
      { key: 'name', label: 'center.name', required: true },
    ],
    columns: [x => x.id, x => x.name, x => i18n.int(setup.agents.filter(a => a.teamId === x.id && !a.deactivated).length)],
    headers: ['center.id', 'center.name', 'center.agentCount'],
  },
  {
    id: 'contracts', path: 'contracts', title: 'center.contracts',
    fields: [
      { key: 'id', label: 'center.id', required: true, fixed: true },
      { key: 'name', label: 'center.name', required: true },
      { key: 'minHoursPerWeek', label: 'center.minHours', type: 'number', initial: 32 },
      { key: 'maxHoursPerWeek', label: 'center.maxHours', type: 'number', initial: 40 },
      { key: 'maxDaysPerWeek', label: 'center.maxDays', type: 'number', initial: 5 },
      { key: 'maxConsecutiveDays', label: 'center.maxConsecutive', type: 'number', initial: 6 },
      { key: 'minRestHours', label: 'center.minRest', type: 'number', initial: 11 },
      { key: 'nightShifts', label: 'center.nightShifts', type: 'checkbox', initial: true },
    ],
    columns: [c => c.id, c => c.name, c => `${i18n.num(c.minHoursPerWeek)}–${i18n.num(c.maxHoursPerWeek)} h`, c => i18n.int(c.maxDaysPerWeek),
      c => `${i18n.num(c.minRestHours)} h`, c => (c.nightShifts ? t('center.yes') : t('center.no'))],
    headers: ['center.id', 'center.name', 'center.hoursPerWeek', 'center.maxDays', 'center.minRest', 'center.nightShifts'],
  },
  {
    id: 'agents', path: 'agents', title: 'center.agents',
    fields: [
      { key: 'id', label: 'center.id', required: true, fixed: true },
      { key: 'name', label: 'center.name', required: true },
      { key: 'teamId', label: 'center.team', type: 'select', options: () => setup.teams.filter(x => !x.deactivated).map(x => [x.id, x.name]) },
      { key: 'skills', label: 'center.skills', example: 'voice-support:4; chat-support:2', wide: true,
        value: a => a.skills.map(s => `${s.queueId}:${s.proficiency}`).join('; '),
        read: v => list(v).map(p => { const [queueId, level] = p.split(':').map(s => s.trim()); return { queueId, proficiency: level === undefined ? 3 : Number(level) }; }) },
      { key: 'contractId', label: 'center.contract', type: 'select', blank: true, options: () => setup.contracts.filter(x => !x.deactivated).map(x => [x.id, x.name]) },
      { key: 'locale', label: 'center.locale', type: 'select', options: () => [['en', 'English'], ['tr', 'Türkçe'], ['fa', 'فارسی']] },
      { key: 'timeZone', label: 'center.ownTimeZone', example: 'Asia/Tehran' },
      { key: 'acdId', label: 'center.acdId' },
      { key: 'hireDate', label: 'center.hireDate', type: 'date' },
    ],
    columns: [a => a.id, a => a.name, a => setup.teams.find(x => x.id === a.teamId)?.name ?? a.teamId,
      a => a.skills.map(s => `${s.queueId}:${s.proficiency}`).join('; '), a => setup.contracts.find(c => c.id === a.contractId)?.name ?? '–', a => a.locale, a => a.acdId || '–'],
    headers: ['center.id', 'center.name', 'center.team', 'center.skills', 'center.contract', 'center.locale', 'center.acdId'],
  },
  {
    id: 'shift-templates', path: 'shift-templates', title: 'center.templates', from: 'templates',
    fields: [
      { key: 'id', label: 'center.id', required: true, fixed: true },
      { key: 'name', label: 'center.name', required: true },
      { key: 'lengthsMinutes', label: 'center.lengths', example: '480, 510', value: x => x.lengthsMinutes.join(', '), read: v => list(v).map(Number) },
      { key: 'earliestStart', label: 'center.earliestStart', type: 'time', initial: '08:00' },
      { key: 'latestStart', label: 'center.latestStart', type: 'time', initial: '10:00' },
      { key: 'startIncrementMinutes', label: 'center.step', type: 'number', initial: 60 },
      { key: 'days', label: 'center.days', example: 'Monday, Tuesday', wide: true, value: x => (x.days || []).join(', '),
        read: v => (list(v).length ? list(v) : null) },
    ],
    columns: [x => x.id, x => x.name, x => x.lengthsMinutes.map(m => `${i18n.num(m / 60)} h`).join(', '), x => `${x.earliestStart}–${x.latestStart}`,
      x => (x.days ? x.days.map(d => t(`day.${d}`)).join(', ') : t('center.everyDay'))],
    headers: ['center.id', 'center.name', 'center.lengths', 'center.startWindow', 'center.days'],
  },
  {
    id: 'rule-sets', path: 'rule-sets', title: 'center.ruleSets', from: 'ruleSets',
    fields: [
      { key: 'id', label: 'center.id', required: true, fixed: true },
      { key: 'name', label: 'center.name', required: true },
      { key: 'templateIds', label: 'center.templates', example: 'full, part', value: r => r.templateIds.join(', '), read: v => list(v) },
      { key: 'maxMinutesWithoutBreak', label: 'center.maxWithoutBreak', type: 'number', initial: 180 },
      { key: 'breaks', label: 'center.breaks', type: 'textarea', wide: true, example: 'lunch, 30, 180, 300, unpaid, 420',
        value: r => r.breaks.map(b => [b.name, b.minutes, b.windowFromMinutes, b.windowToMinutes, b.paid ? 'paid' : 'unpaid', b.minShiftMinutes].join(', ')).join('\n'),
        read: v => v.split('\n').map(l => l.split(',').map(s => s.trim())).filter(p => p[0]).map(p => ({
          name: p[0], minutes: Number(p[1]), windowFromMinutes: Number(p[2]), windowToMinutes: Number(p[3]), paid: p[4] !== 'unpaid', minShiftMinutes: Number(p[5] || 0),
        })) },
    ],
    columns: [r => r.id, r => r.name, r => r.templateIds.join(', '), r => r.breaks.map(b => `${b.name} ${i18n.int(b.minutes)}′`).join(', '),
      r => (r.maxMinutesWithoutBreak ? `${i18n.int(r.maxMinutesWithoutBreak)}′` : '–')],
    headers: ['center.id', 'center.name', 'center.templates', 'center.breaks', 'center.maxWithoutBreak'],
  },
];

function say(el, text, ok) {
  el.className = ok ? 'ok' : 'error';
  el.textContent = text;
}

function input(field) {
  let el;
  if (field.type === 'select') {
    el = document.createElement('select');
  } else if (field.type === 'textarea') {
    el = document.createElement('textarea');
    el.rows = 3;
  } else {
    el = document.createElement('input');
    el.type = field.type || 'text';
    if (field.type === 'number') el.step = 'any';
  }
  el.name = field.key;
  if (field.required) el.required = true;
  return el;
}

function fillOptions(field, el) {
  if (field.type !== 'select') return;
  const keep = el.value;
  el.replaceChildren(...(field.blank ? [new Option('–', '')] : []), ...field.options().map(([v, label]) => new Option(label, v)));
  if (keep) el.value = keep;
}

function section(kind) {
  const card = document.createElement('section');
  card.className = 'card center-kind';
  card.id = `kind-${kind.id}`;
  const h2 = document.createElement('h2');
  h2.textContent = t(kind.title);
  const table = document.createElement('table');
  table.className = 'data';
  const head = document.createElement('tr');
  for (const h of [...kind.headers, 'center.status', '']) {
    const th = document.createElement('th');
    th.textContent = h ? t(h) : '';
    head.append(th);
  }
  const thead = document.createElement('thead');
  thead.append(head);
  const tbody = document.createElement('tbody');
  table.append(thead, tbody);

  const formTitle = document.createElement('h3');
  const form = document.createElement('form');
  form.className = 'center-form';
  const inputs = {};
  for (const field of kind.fields) {
    const label = document.createElement('label');
    if (field.wide) label.className = 'wide';
    const span = document.createElement('span');
    span.textContent = t(field.label);
    const el = input(field);
    inputs[field.key] = el;
    if (field.type === 'checkbox') {
      label.classList.add('check');
      label.append(el, span);
    } else {
      label.append(span, el);
    }
    // How the field is written, shown beside it (it stays visible while typing, unlike a hint inside the box).
    if (field.example) {
      const example = document.createElement('small');
      example.className = 'note';
      example.textContent = `${t('center.example')}: ${field.example}`;
      label.append(example);
    }
    form.append(label);
  }
  const save = document.createElement('button');
  save.type = 'submit';
  save.textContent = t('center.save');
  const fresh = document.createElement('button');
  fresh.type = 'button';
  fresh.textContent = t('center.new');
  form.append(save, fresh);
  const result = document.createElement('p');
  result.setAttribute('role', 'status');
  card.append(h2, table, formTitle, form, result);

  let editing = null;
  function edit(item) {
    editing = item;
    formTitle.textContent = item ? `${t('center.edit')}: ${item.id}` : t('center.add');
    for (const field of kind.fields) {
      const el = inputs[field.key];
      fillOptions(field, el);
      const value = item ? (field.value ? field.value(item) : item[field.key]) : field.initial;
      if (field.type === 'checkbox') el.checked = value ?? false;
      // A new entry starts on the first real choice (a contract rather than none, when there is one).
      else el.value = value ?? (field.type === 'select' && el.options.length ? el.options[field.blank && el.options.length > 1 ? 1 : 0].value : '');
      el.readOnly = Boolean(field.fixed && item);
    }
  }

  function render() {
    tbody.replaceChildren();
    for (const item of setup[kind.from || kind.id]) {
      const tr = document.createElement('tr');
      tr.dataset.id = item.id;
      if (item.deactivated) tr.className = 'inactive';
      for (const column of kind.columns) cell(tr, column(item));
      cell(tr, item.deactivated ? t('center.deactivated') : t('center.active'));
      const actions = document.createElement('span');
      const change = document.createElement('button');
      change.type = 'button';
      change.textContent = t('center.edit');
      change.addEventListener('click', () => edit(item));
      const toggle = document.createElement('button');
      toggle.type = 'button';
      toggle.textContent = item.deactivated ? t('center.activate') : t('center.deactivate');
      toggle.addEventListener('click', async () => {
        const response = await fetch(`/api/center/${kind.path}/${encodeURIComponent(item.id)}/${item.deactivated ? 'activate' : 'deactivate'}`, { method: 'POST' });
        if (!response.ok) return say(result, (await failure(response)).message, false);
        await reload();
        say(result, `${item.id}: ${item.deactivated ? t('center.activated') : t('center.deactivatedNow')}`, true);
      });
      actions.append(change, ' ', toggle);
      cell(tr, actions);
      tbody.append(tr);
    }
  }

  form.addEventListener('submit', async e => {
    e.preventDefault();
    const body = {};
    for (const field of kind.fields) {
      const el = inputs[field.key];
      let value = field.type === 'checkbox' ? el.checked : el.value;
      if (field.read) value = field.read(value);
      else if (field.type === 'number') value = value === '' ? null : Number(value);
      else if (value === '' && !field.required) value = null;
      body[field.key] = value;
    }
    const url = editing ? `/api/center/${kind.path}/${encodeURIComponent(editing.id)}` : `/api/center/${kind.path}`;
    const response = await fetch(url, { method: editing ? 'PUT' : 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) return say(result, (await failure(response)).message, false);
    const saved = await response.json();
    await reload();
    say(result, `${saved.id}: ${t('center.saved')}`, true);
    edit(null);
  });
  fresh.addEventListener('click', () => edit(null));
  return { card, render, refill: () => edit(editing) };
}

function settingsSection() {
  const card = document.createElement('section');
  card.className = 'card center-kind';
  card.id = 'kind-settings';
  card.innerHTML = '<h2></h2><form class="center-form"></form><p role="status"></p>';
  card.querySelector('h2').textContent = t('center.settings');
  const form = card.querySelector('form');
  const result = card.querySelector('p');
  const fields = [
    ['name', 'center.centerName', 'text'], ['timeZone', 'center.timeZone', 'text'], ['intervalMinutes', 'center.interval', 'select'], ['holidays', 'center.holidays', 'select'],
  ];
  const inputs = {};
  for (const [key, label, type] of fields) {
    const l = document.createElement('label');
    const span = document.createElement('span');
    span.textContent = t(label);
    const el = type === 'select' ? document.createElement('select') : Object.assign(document.createElement('input'), { type });
    el.name = key;
    inputs[key] = el;
    l.append(span, el);
    form.append(l);
  }
  inputs.intervalMinutes.append(new Option('15′', '15'), new Option('30′', '30'));
  for (const h of setup.holidayCalendars) inputs.holidays.append(new Option(t(`center.holidays.${h}`), h));
  const save = document.createElement('button');
  save.type = 'submit';
  save.textContent = t('center.save');
  const lock = document.createElement('p');
  lock.className = 'note wide';
  form.append(save, lock);
  let render = () => {
    const s = setup.settings;
    inputs.name.value = s.name;
    inputs.timeZone.value = s.timeZone;
    inputs.intervalMinutes.value = String(s.intervalMinutes);
    inputs.holidays.value = s.holidays;
    inputs.timeZone.readOnly = setup.clockLocked;
    inputs.intervalMinutes.disabled = setup.clockLocked;
    lock.textContent = setup.clockLocked ? t('center.clockLocked') : '';
  };
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const body = { ...setup.settings, name: inputs.name.value, timeZone: inputs.timeZone.value, intervalMinutes: Number(inputs.intervalMinutes.value), holidays: inputs.holidays.value };
    const response = await fetch('/api/center/settings', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) return say(result, (await failure(response)).message, false);
    await reload();
    say(result, t('center.saved'), true);
  });
  // The center's own days (its holidays, campaigns, outages): forecasts take them as special days, closed days closed.
  const daysForm = document.createElement('form');
  daysForm.className = 'center-form';
  daysForm.id = 'days-form';
  daysForm.innerHTML = '<h3 class="wide"></h3><label class="wide"><span></span><textarea name="days" rows="5"></textarea><small class="note"></small></label><button type="submit"></button><p role="status" class="wide"></p>';
  daysForm.querySelector('h3').textContent = t('center.ownDays');
  daysForm.querySelector('span').textContent = t('center.ownDaysHint');
  daysForm.querySelector('small').textContent = `${t('center.example')}: 2027-01-02, Bill run, open · 2027-03-21, Nowruz, closed`;
  daysForm.querySelector('button').textContent = t('center.save');
  const daysResult = daysForm.querySelector('p');
  const daysText = daysForm.querySelector('textarea');
  card.append(daysForm);
  const renderSettings = render;
  render = () => {
    renderSettings();
    daysText.value = setup.days.map(d => `${d.date}, ${d.name}, ${d.closed ? 'closed' : 'open'}`).join('\n');
  };
  daysForm.addEventListener('submit', async e => {
    e.preventDefault();
    const days = [];
    for (const [index, line] of daysText.value.split('\n').entries()) {
      if (!line.trim()) continue;
      const [date, name, kind] = line.split(',').map(x => x.trim());
      const real = /^\d{4}-\d{2}-\d{2}$/.test(date ?? '') && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
      if (!real || !name || !['open', 'closed', undefined, ''].includes(kind)) {
        return say(daysResult, `${t('center.ownDays')} ${i18n.int(index + 1)}: ${t('center.ownDaysHint')}`, false);
      }
      days.push({ date, name, closed: kind !== 'open' });
    }
    const response = await fetch('/api/center/days', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(days) });
    if (!response.ok) return say(daysResult, (await failure(response)).message, false);
    await reload();
    say(daysResult, t('center.saved'), true);
  });
  return { card, render: () => render(), refill: () => {} };
}

function importSection() {
  const box = document.createElement('div');
  box.className = 'center-import';
  box.innerHTML = '<h3></h3><p class="note"></p><input type="file" accept=".csv,text/csv" id="agents-file"> <button type="button" id="agents-import"></button> <a id="agents-export" href="/api/center/agents/export"></a><p role="status" id="import-result"></p>';
  box.querySelector('h3').textContent = t('center.importAgents');
  box.querySelector('.note').textContent = t('center.importHint');
  box.querySelector('#agents-import').textContent = t('center.import');
  box.querySelector('#agents-export').textContent = t('center.export');
  box.querySelector('#agents-import').addEventListener('click', async () => {
    const file = box.querySelector('#agents-file').files[0];
    const result = box.querySelector('#import-result');
    if (!file) return say(result, t('center.chooseFile'), false);
    const response = await fetch('/api/center/agents/import', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: await file.text() });
    if (!response.ok) return say(result, (await failure(response)).message, false);
    const done = await response.json();
    await reload();
    say(result, `${t('center.imported')}: ${i18n.int(done.created)} ${t('center.created')}, ${i18n.int(done.updated)} ${t('center.updated')}, ${i18n.int(done.unchanged)} ${t('center.unchanged')}`, true);
  });
  return box;
}

const sections = [settingsSection(), ...KINDS.map(section)];
const tabs = $('tabs');
for (const [i, s] of sections.entries()) {
  $('sections').append(s.card);
  const b = document.createElement('button');
  b.type = 'button';
  b.role = 'tab';
  b.textContent = s.card.querySelector('h2').textContent;
  b.dataset.target = s.card.id;
  b.addEventListener('click', () => show(s.card.id));
  tabs.append(b);
  if (i > 0) s.refill();
}
$('kind-agents').append(importSection());

function show(id) {
  for (const s of sections) s.card.hidden = s.card.id !== id;
  for (const b of tabs.children) b.setAttribute('aria-selected', String(b.dataset.target === id));
  history.replaceState(null, '', `#${id.slice('kind-'.length)}`);
}

async function reload() {
  setup = await (await fetch('/api/center/setup')).json();
  for (const s of sections) s.render();
}

for (const s of sections) s.render();
for (const s of sections.slice(1)) s.refill();
show(`kind-${location.hash.slice(1) || 'settings'}`.replace('kind-kind-', 'kind-'));
if (!sections.some(s => !s.card.hidden)) show('kind-settings');
