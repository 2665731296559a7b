// The schedules page: make a schedule from the three files (or the demo center's week), read its quality,
// coverage and shortfalls, look at the shifts per agent and day, publish it to the agents' shifts.
import { loadLanguage } from './i18n.js';
import { renderLayout } from './layout.js';
import { cell, failure, link } from './dom.js';

let i18n, inputs = {}, current = null;
const $ = id => document.getElementById(id);

function showError(error) {
  $('error').hidden = !error;
  $('error').textContent = error ? `${i18n.t('schedule.error')}: ${error.message}` : '';
}

function noteInputs() {
  const parts = [['requirementsCsv', 'schedule.requirements'], ['agentsCsv', 'schedule.agents'], ['rulesJson', 'schedule.rules']]
    .map(([key, label]) => `${i18n.t(label)}: ${inputs[key] ? `${i18n.int(inputs[key].split('\n').filter(l => l.trim()).length)} ${i18n.t('schedule.lines')}` : '–'}`);
  $('inputs-note').textContent = parts.join(' · ');
}

async function readFile(input, key) {
  const file = $(input).files[0];
  if (file) inputs[key] = await file.text();
  noteInputs();
}

async function loadDemo() {
  showError(null);
  const response = await fetch('/api/schedules/demo-inputs');
  if (!response.ok) { showError(await failure(response)); return; }
  const demo = await response.json();
  inputs = { requirementsCsv: demo.requirementsCsv, agentsCsv: demo.agentsCsv, rulesJson: demo.rulesJson };
  $('name').value = demo.name;
  noteInputs();
}

async function make(e) {
  e.preventDefault();
  showError(null);
  if (!inputs.requirementsCsv || !inputs.agentsCsv || !inputs.rulesJson) { showError(new Error(i18n.t('schedule.needInputs'))); return; }
  const button = $('make');
  button.disabled = true;
  button.textContent = i18n.t('schedule.working');
  try {
    const body = { ...inputs, name: $('name').value || null, weeks: Number($('weeks').value), timeLimitSeconds: Number($('time-limit').value) };
    const response = await fetch('/api/schedules', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw await failure(response);
    show(await response.json());
    await refreshStored();
  } catch (err) {
    showError(err);
  } finally {
    button.disabled = false;
    button.textContent = i18n.t('schedule.make');
  }
}

async function open(id) {
  showError(null);
  const response = await fetch(`/api/schedules/${id}`);
  if (!response.ok) { showError(await failure(response)); return; }
  show(await response.json());
}

const hhmm = iso => iso.slice(11, 16);

function show(s) {
  current = s;
  const r = s.result, q = r.quality;
  $('result').hidden = false;
  $('result-title').textContent = `#${s.id} · ${s.name}`;
  const body = $('quality').tBodies[0];
  body.replaceChildren();
  const tr = document.createElement('tr');
  [i18n.int(r.shifts.length), i18n.num(q.scheduledPaidHours), i18n.num(q.lowerBoundPaidHours), i18n.signedPct(q.gapToBound), i18n.num(q.requiredStaffHours),
    i18n.num(q.underStaffHours), i18n.num(q.overStaffHours), i18n.int(q.unmetIntervals), `${q.solverStatus} · ${i18n.num(q.solveSeconds)} s`].forEach(v => cell(tr, v));
  body.append(tr);
  const expected = r.expectedServiceLevel ? Object.entries(r.expectedServiceLevel) : [];
  $('expected').textContent = expected.length ? `${i18n.t('schedule.expected')}: ${expected.map(([k, v]) => `${k} ${i18n.pct(v)}`).join(' · ')}` : '';
  $('csv-link').href = `/api/schedules/${s.id}/schedule.csv`;
  $('chart').src = `/api/schedules/${s.id}/coverage.svg?lang=${i18n.language.code}`;
  $('publish-note').textContent = s.publishedAt ? `${i18n.t('schedule.published')}: ${new Date(s.publishedAt).toLocaleString(i18n.locale)}` : '';
  listUnmet(r.unmet);
  list('violations', r.violations.map(v => `${v.agentId}: ${v.rule} — ${v.detail}`));
  $('violations-count').textContent = i18n.int(r.violations.length);
  const days = [...new Set(r.shifts.map(x => x.date))].sort();
  $('day').replaceChildren(...days.map(d => new Option(`${d} · ${new Date(`${d}T12:00:00`).toLocaleDateString(i18n.locale, { weekday: 'long' })}`, d)));
  const skills = [...new Set(r.shifts.map(x => x.skill))].sort();
  $('skill').replaceChildren(new Option(i18n.t('schedule.allSkills'), ''), ...skills.map(k => new Option(k, k)));
  gantt();
  fillRequestForm(r);
  refreshRequests();
}

function fillRequestForm(r) {
  const agents = [...new Set(r.shifts.map(x => x.agentId))].sort();
  $('request-agent').replaceChildren(...agents.map(a => new Option(a, a)));
  $('request-other').replaceChildren(new Option('–', ''), ...agents.map(a => new Option(a, a)));
  const days = [...new Set(r.shifts.map(x => x.date))].sort();
  $('request-date').replaceChildren(...days.map(d => new Option(d, d)));
}

function impact(check) {
  const parts = [`${i18n.t('schedule.unmet')}: ${i18n.int(check.unmetBefore)} → ${i18n.int(check.unmetAfter)}`];
  for (const v of check.violations) parts.push(`${v.agentId}: ${v.rule}`);
  return parts.join(' · ');
}

async function refreshRequests() {
  if (!current) return;
  const list = await (await fetch(`/api/schedules/${current.id}/requests`)).json();
  const body = $('requests').tBodies[0];
  body.replaceChildren();
  for (const q of list) {
    const tr = document.createElement('tr');
    tr.dataset.status = q.status;
    cell(tr, q.kind === 'swap' ? `${i18n.t('schedule.swap')} ${q.otherAgentId}` : i18n.t('schedule.timeOff'));
    cell(tr, q.agentId);
    cell(tr, q.date);
    cell(tr, impact(q.check));
    cell(tr, i18n.t(`schedule.${q.status}`));
    const actions = document.createElement('span');
    actions.className = 'actions';
    if (q.status === 'pending') {
      const force = q.check.violations.length > 0 ? '?force=true' : '';
      actions.append(
        link(i18n.t('schedule.approve'), null, () => decide(q.id, `approve${force}`)),
        link(i18n.t('schedule.reject'), null, () => decide(q.id, 'reject')));
    }
    cell(tr, actions);
    body.append(tr);
  }
}

async function decide(requestId, action) {
  const response = await fetch(`/api/schedules/${current.id}/requests/${requestId}/${action}`, { method: 'POST' });
  if (!response.ok) { showError(await failure(response)); return; }
  await open(current.id);
}

async function fileRequest(e) {
  e.preventDefault();
  showError(null);
  const body = { kind: $('request-kind').value, agentId: $('request-agent').value, date: $('request-date').value, otherAgentId: $('request-other').value || null };
  const response = await fetch(`/api/schedules/${current.id}/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) { showError(await failure(response)); return; }
  await refreshRequests();
}

/** Consecutive short intervals of a skill on a day shown as one line. */
function listUnmet(unmet) {
  const lines = [];
  let run = null;
  for (const u of unmet) {
    if (run && run.skill === u.skill && run.end === u.start && run.reason === u.reason) {
      run.end = addMinutes(u.start, current.intervalMinutes);
      run.short = Math.max(run.short, u.required - u.scheduled);
    } else {
      if (run) lines.push(run);
      run = { skill: u.skill, start: u.start, end: addMinutes(u.start, current.intervalMinutes), short: u.required - u.scheduled, reason: u.reason };
    }
  }
  if (run) lines.push(run);
  $('unmet-count').textContent = i18n.int(unmet.length);
  list('unmet', lines.slice(0, 200).map(l => `${l.skill} ${l.start.slice(0, 10)} ${hhmm(l.start)}–${hhmm(l.end)}: ${i18n.t('schedule.shortBy')} ${i18n.num(l.short)} — ${l.reason}`));
}

function addMinutes(iso, minutes) {
  const d = new Date(`${iso}Z`);
  return new Date(d.getTime() + minutes * 60000).toISOString().slice(0, 19);
}

function list(id, items) {
  const ul = $(id);
  ul.replaceChildren(...items.map(text => { const li = document.createElement('li'); li.textContent = text; return li; }));
  if (items.length === 0) { const li = document.createElement('li'); li.className = 'empty'; li.textContent = i18n.t('schedule.none'); ul.append(li); }
}

/** One row per agent working the chosen day: the shift as a bar across 24 hours, breaks and lunch marked. */
function gantt() {
  const day = $('day').value, skill = $('skill').value;
  const container = $('gantt');
  container.replaceChildren();
  if (!current || !day) return;
  const dayStart = new Date(`${day}T00:00:00Z`).getTime();
  const pos = iso => ((new Date(`${iso}Z`).getTime() - dayStart) / 86400000) * 100;
  const hours = document.createElement('div');
  hours.className = 'gantt-row gantt-hours';
  hours.append(Object.assign(document.createElement('span'), { className: 'who' }));
  const axis = document.createElement('div');
  axis.className = 'track';
  for (let h = 0; h < 24; h += 2) {
    const tick = document.createElement('span');
    tick.className = 'tick';
    tick.style.insetInlineStart = `${(h / 24) * 100}%`;
    tick.textContent = `${String(h).padStart(2, '0')}:00`;
    axis.append(tick);
  }
  hours.append(axis);
  container.append(hours);
  const shifts = current.result.shifts.filter(s => s.date === day && (!skill || s.skill === skill)).sort((a, b) => a.start.localeCompare(b.start) || a.agentId.localeCompare(b.agentId));
  for (const s of shifts) {
    const row = document.createElement('div');
    row.className = 'gantt-row';
    row.dataset.agent = s.agentId;
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = `${s.agentId} · ${s.skill}`;
    row.append(who);
    const track = document.createElement('div');
    track.className = 'track';
    const bar = (cls, from, to, title) => {
      const b = document.createElement('span');
      b.className = `bar ${cls}`;
      b.style.insetInlineStart = `${Math.max(0, pos(from))}%`;
      b.style.width = `${Math.min(100, pos(to)) - Math.max(0, pos(from))}%`;
      b.title = title;
      track.append(b);
    };
    bar('work', s.start, s.end, `${hhmm(s.start)}–${hhmm(s.end)} · ${i18n.num(s.paidHours)} h`);
    for (const b of s.breaks) bar(b.paid ? 'brk' : 'lunch', b.start, b.end, `${b.name} ${hhmm(b.start)}–${hhmm(b.end)}`);
    row.append(track);
    container.append(row);
  }
}

async function publish() {
  if (!current) return;
  const response = await fetch(`/api/schedules/${current.id}/publish`, { method: 'POST' });
  if (!response.ok) { showError(await failure(response)); return; }
  const result = await response.json();
  $('publish-note').textContent = `${i18n.t('schedule.published')}: ${i18n.int(result.agentDays)} ${i18n.t('schedule.agentDays')}`;
  await refreshStored();
}

async function refreshStored() {
  const stored = await (await fetch('/api/schedules')).json();
  const body = $('stored').tBodies[0];
  body.replaceChildren();
  for (const s of stored) {
    const tr = document.createElement('tr');
    cell(tr, s.name);
    cell(tr, new Date(s.createdAt).toLocaleString(i18n.locale));
    cell(tr, i18n.int(s.shifts));
    cell(tr, i18n.num(s.paidHours));
    cell(tr, i18n.int(s.unmet));
    cell(tr, s.publishedAt ? new Date(s.publishedAt).toLocaleString(i18n.locale) : '–');
    const a = document.createElement('a');
    a.href = '#';
    a.textContent = i18n.t('schedule.open');
    a.addEventListener('click', e => { e.preventDefault(); open(s.id); });
    cell(tr, a);
    body.append(tr);
  }
  if (stored.length === 0) {
    const tr = document.createElement('tr');
    cell(tr, i18n.t('schedule.none')).colSpan = 7;
    body.append(tr);
  }
}

async function start() {
  i18n = await loadLanguage();
  renderLayout(i18n, 'schedule');
  i18n.apply();
  $('requirements').addEventListener('change', () => readFile('requirements', 'requirementsCsv'));
  $('agents').addEventListener('change', () => readFile('agents', 'agentsCsv'));
  $('rules').addEventListener('change', () => readFile('rules', 'rulesJson'));
  $('demo').addEventListener('click', loadDemo);
  $('schedule-form').addEventListener('submit', make);
  $('publish').addEventListener('click', publish);
  $('request-form').addEventListener('submit', fileRequest);
  $('day').addEventListener('change', gantt);
  $('skill').addEventListener('change', gantt);
  noteInputs();
  await refreshStored();
  const latest = (await (await fetch('/api/schedules')).json())[0];
  if (latest) await open(latest.id);
  document.body.dataset.ready = 'true';
}

start();
