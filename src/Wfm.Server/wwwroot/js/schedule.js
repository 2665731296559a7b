// The schedules page: make a schedule from the three files (or the demo center's week for its own agents and
// rule set), read its quality,
// coverage and shortfalls, look at the shifts per agent and day, publish it to the agents' shifts.
import { loadLanguage } from './i18n.js';
import { renderLayout } from './layout.js';
import { cell, failure, link } from './dom.js';

let i18n, inputs = {}, current = null, zone = 'UTC';
const $ = id => document.getElementById(id);

function showError(error) {
  $('error').hidden = !error;
  $('error').textContent = error ? `${i18n.t('schedule.error')}: ${error.message}` : '';
}

function noteInputs() {
  if (inputs.plan) {
    $('inputs-note').textContent = `${i18n.t('schedule.centerInputs')}: ${$('plan').selectedOptions[0]?.textContent ?? inputs.plan} · ${i18n.t('schedule.ruleSet')}: ${$('rule-set').value}`;
    return;
  }
  if (inputs.center) {
    const c = inputs.center;
    $('inputs-note').textContent = `${i18n.t('schedule.centerInputs')}: ${c.requirements.map(r => r.skill).join(', ')} · ${i18n.t('schedule.ruleSet')}: ${c.ruleSetId}`;
    return;
  }
  const parts = [['requirementsCsv', 'schedule.requirements'], ['agentsCsv', 'schedule.agents'], ['rulesJson', 'schedule.rules']]
    .map(([key, label]) => `${i18n.t(label)}: ${inputs[key] ? `${i18n.int(inputs[key].split('\n').filter(l => l.trim()).length)} ${i18n.t('schedule.lines')}` : '–'}`);
  $('inputs-note').textContent = parts.join(' · ');
}

async function readFile(input, key) {
  const file = $(input).files[0];
  if (file) {
    delete inputs.center;
    delete inputs.plan;
    $('plan').value = '';
    inputs[key] = await file.text();
  }
  noteInputs();
}

async function loadDemo() {
  showError(null);
  const response = await fetch('/api/schedules/demo-inputs');
  if (!response.ok) { showError(await failure(response)); return; }
  const demo = await response.json();
  // The demo's week is a staffing plan like any other: it joins the picker, chosen, with the demo's rule set.
  const id = String(demo.staffingPlanId);
  if (![...$('plan').options].some(o => o.value === id)) {
    const stored = await (await fetch(`/api/staffing/plans/${id}`)).json();
    $('plan').append(new Option(`#${id} · ${stored.name}`, id));
  }
  $('plan').value = id;
  $('rule-set').value = demo.ruleSetId;
  inputs = { plan: Number(id) };
  $('name').value = demo.name;
  const notes = demo.notes ?? [];
  $('wellbeing-details').hidden = notes.length === 0;
  $('wellbeing-count').textContent = i18n.int(notes.length);
  list('wellbeing-notes', notes);
  noteInputs();
}

async function make(e) {
  e.preventDefault();
  showError(null);
  if (!inputs.center && !inputs.plan && (!inputs.requirementsCsv || !inputs.agentsCsv || !inputs.rulesJson)) { showError(new Error(i18n.t('schedule.needInputs'))); return; }
  const button = $('make');
  button.disabled = true;
  button.textContent = i18n.t('schedule.working');
  try {
    const common = { name: $('name').value || null, weeks: Number($('weeks').value), timeLimitSeconds: Number($('time-limit').value) };
    const teamIds = [...$('teams').selectedOptions].map(o => o.value);
    const [url, body] = inputs.plan
      ? ['/api/schedules/center', { ...common, staffingPlanId: inputs.plan, ruleSetId: $('rule-set').value, teamIds }]
      : inputs.center
        ? ['/api/schedules/center', { ...inputs.center, ...common, teamIds: teamIds.length ? teamIds : inputs.center.teamIds, requirements: weekly(inputs.center.requirements, common.weeks) }]
        : ['/api/schedules', { ...inputs, ...common }];
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
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

/** The coverage chart of the skill picked for the shifts (all skills when none is picked). */
function chart() {
  if (!current) return;
  const skill = $('skill').value;
  $('chart').src = `/api/schedules/${current.id}/coverage.svg?lang=${i18n.language.code}${skill ? `&skill=${encodeURIComponent(skill)}` : ''}`;
}

/** The demo's one-week requirement repeated for the weeks asked for. */
function weekly(requirements, weeks) {
  return requirements.map(r => ({ skill: r.skill, agents: Array.from({ length: weeks }, () => r.agents).flat() }));
}

/** An agent as a person reads it: their name and id when the schedule knows the name, the id otherwise. */
function who(agentId) {
  const name = current?.result?.agentNames?.[agentId];
  return name ? `${name} (${agentId})` : agentId;
}

/** Just the name when known (the Gantt rows are narrow). */
function agentName(agentId) {
  return current?.result?.agentNames?.[agentId] ?? agentId;
}

async function open(id) {
  showError(null);
  const response = await fetch(`/api/schedules/${id}`);
  if (!response.ok) { showError(await failure(response)); return; }
  show(await response.json());
}

const hhmm = iso => iso.slice(11, 16);

/** Every day of the schedule, also days nobody works. */
function scheduleDays(s) {
  const first = new Date(`${s.start}T00:00:00Z`);
  return Array.from({ length: s.days }, (_, i) => new Date(first.getTime() + i * 86400000).toISOString().slice(0, 10));
}

function show(s) {
  const previous = current;
  current = s;
  const r = s.result, q = r.quality;
  $('result').hidden = false;
  $('result-title').textContent = `#${s.id} · ${s.name}`;
  const body = $('quality').tBodies[0];
  body.replaceChildren();
  const tr = document.createElement('tr');
  // Against the contracts' bound only when the demand is covered: a short schedule's relaxation trades paid hours for cover.
  [i18n.int(r.shifts.length), i18n.num(q.scheduledPaidHours), q.demandBoundPaidHours ? i18n.num(q.demandBoundPaidHours) : '–', i18n.signedPct(q.gapToDemand),
    i18n.num(q.lowerBoundPaidHours), q.short ? '–' : i18n.signedPct(q.gapToBound), i18n.num(q.requiredStaffHours), i18n.num(q.coveredStaffHours),
    i18n.num(q.underStaffHours), i18n.num(q.overStaffHours), i18n.int(q.unmetIntervals), `${statusText(q.solverStatus)} · ${i18n.num(q.solveSeconds)} s`].forEach(v => cell(tr, v));
  body.append(tr);
  $('short-note').hidden = !q.short;
  $('short-note').textContent = q.short ? i18n.t('schedule.shortNote')
    .replace('{short}', i18n.num(q.underStaffHours)).replace('{required}', i18n.num(q.requiredStaffHours))
    .replace('{share}', i18n.pct(q.underStaffHours / q.requiredStaffHours)).replace('{demand}', q.demandBoundPaidHours ? i18n.num(q.demandBoundPaidHours) : '–')
    .replace('{capacity}', q.capacityPaidHours ? i18n.num(q.capacityPaidHours) : '–') : '';
  const expected = r.expectedServiceLevel ? Object.entries(r.expectedServiceLevel) : [];
  $('expected').textContent = expected.length ? `${i18n.t('schedule.expected')}: ${expected.map(([k, v]) => `${k} ${i18n.pct(v)}`).join(' · ')}` : '';
  $('csv-link').href = `/api/schedules/${s.id}/schedule.csv`;
  $('publish-note').textContent = s.publishedAt ? `${i18n.t('schedule.published')}: ${i18n.stamp(s.publishedAt, zone)}` : '';
  listUnmet(r.unmet);
  list('violations', r.violations.map(v => `${who(v.agentId)}: ${v.rule} — ${v.detail}`));
  $('violations-count').textContent = i18n.int(r.violations.length);
  // After an edit the planner stays on the day, skill and agent they were looking at.
  const keep = { day: $('day').value, skill: $('skill').value, agent: $('edit-agent').value, same: previous?.id === s.id };
  const days = scheduleDays(s);
  $('day').replaceChildren(...days.map(d => new Option(`${i18n.day(d)} · ${new Intl.DateTimeFormat(i18n.locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`))}`, d)));
  const skills = [...new Set(r.shifts.map(x => x.skill))].sort();
  $('skill').replaceChildren(new Option(i18n.t('schedule.allSkills'), ''), ...skills.map(k => new Option(k, k)));
  const agents = [...new Set(r.shifts.map(x => x.agentId))].sort();
  $('edit-agent').replaceChildren(...agents.map(a => new Option(who(a), a)));
  if (keep.same) {
    if (days.includes(keep.day)) $('day').value = keep.day;
    if (skills.includes(keep.skill)) $('skill').value = keep.skill;
    if (agents.includes(keep.agent)) $('edit-agent').value = keep.agent;
  } else {
    $('edit-note').textContent = '';
  }
  gantt();
  chart();
  fillEditForm();
  fillRequestForm(r);
  refreshRequests();
}

function fillRequestForm(r) {
  const agents = [...new Set(r.shifts.map(x => x.agentId))].sort();
  $('request-agent').replaceChildren(...agents.map(a => new Option(who(a), a)));
  $('request-other').replaceChildren(new Option('–', ''), ...agents.map(a => new Option(who(a), a)));
  const days = [...new Set(r.shifts.map(x => x.date))].sort();
  $('request-date').replaceChildren(...days.map(d => new Option(d, d)));
}

function impact(check) {
  const parts = [`${i18n.t('schedule.unmet')}: ${i18n.int(check.unmetBefore)} → ${i18n.int(check.unmetAfter)}`];
  for (const v of check.violations) parts.push(`${who(v.agentId)}: ${v.rule}`);
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
    cell(tr, q.kind === 'swap' ? `${i18n.t('schedule.swap')} ${who(q.otherAgentId)}` : i18n.t('schedule.timeOff'));
    cell(tr, who(q.agentId));
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
      run = { skill: u.skill, start: u.start, end: addMinutes(u.start, current.intervalMinutes), short: u.required - u.scheduled, reason: u.reason, text: reasonText(u) };
    }
  }
  if (run) lines.push(run);
  $('unmet-count').textContent = i18n.int(unmet.length);
  list('unmet', lines.slice(0, 200).map(l => `${l.skill} ${l.start.slice(0, 10)} ${hhmm(l.start)}–${hhmm(l.end)}: ${i18n.t('schedule.shortBy')} ${i18n.num(l.short)} — ${l.text}`));
}

/** Why an interval is short, in the page's language (schedules stored before reasons had codes keep their English). */
function reasonText(u) {
  if (!u.code) return u.reason;
  return i18n.t(`schedule.reason.${u.code}`).replace('{available}', i18n.int(u.available ?? 0)).replace('{skill}', u.skill);
}

/** The solver's words (steps, their outcome and what was kept), in the page's language. */
function statusText(status) {
  const words = [
    ['cover before preferences kept', 'coverKept'], ['greedy cover kept', 'greedyCover'], ['greedy start kept', 'greedyStart'], ['edited by hand', 'edited'],
    ['counts', 'counts'], ['assignment', 'assignment'], ['preferences', 'preferences'],
    ['optimal', 'optimal'], ['feasible', 'feasible'], ['infeasible', 'infeasible'], ['unknown', 'unknown'], ['model_invalid', 'invalid'],
  ];
  const pattern = new RegExp(`\\b(${words.map(([w]) => w.replace(/ /g, '\\s')).join('|')})\\b`, 'g');
  return (status ?? '').replace(pattern, m => i18n.t(`schedule.status.${words.find(([w]) => w === m)[1]}`)).replace(/, /g, i18n.t('schedule.status.separator'));
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
    who.textContent = `${agentName(s.agentId)} · ${s.skill}`;
    who.title = s.agentId;
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
      return b;
    };
    const work = bar('work', s.start, s.end, `${hhmm(s.start)}–${hhmm(s.end)} · ${i18n.num(s.paidHours)} h`);
    const breakBars = s.breaks.map(b => bar(b.paid ? 'brk' : 'lunch', b.start, b.end, `${b.name} ${hhmm(b.start)}–${hhmm(b.end)}`));
    // Dragging the shift takes its breaks along; dragging a break moves only that break.
    draggable(work, track, [work, ...breakBars], minutes => moveShift(s, minutes), () => pickForEdit(s.agentId));
    s.breaks.forEach((b, i) => draggable(breakBars[i], track, [breakBars[i]], minutes => moveBreak(s, b, minutes), () => pickForEdit(s.agentId)));
    who.addEventListener('click', () => pickForEdit(s.agentId));
    if (s.agentId === $('edit-agent').value) row.classList.add('editing');
    row.append(track);
    container.append(row);
  }
}

/**
 * Lets a bar be dragged along its track in steps of the schedule's interval. On release the move in
 * minutes goes to onDrop; a press without a move is a click.
 */
function draggable(element, track, moving, onDrop, onClick) {
  element.addEventListener('pointerdown', down => {
    if (down.button !== 0) return;
    down.preventDefault();
    down.stopPropagation();
    element.setPointerCapture(down.pointerId);
    const width = track.getBoundingClientRect().width;
    const direction = getComputedStyle(track).direction === 'rtl' ? -1 : 1;
    const step = current.intervalMinutes;
    let minutes = 0;
    moving.forEach(m => m.classList.add('dragging'));
    const move = e => {
      minutes = Math.round(((e.clientX - down.clientX) * direction / width) * 1440 / step) * step;
      moving.forEach(m => { m.style.transform = `translateX(${(direction * minutes / 1440) * width}px)`; });
    };
    const up = () => {
      element.removeEventListener('pointermove', move);
      element.removeEventListener('pointerup', up);
      element.removeEventListener('pointercancel', up);
      moving.forEach(m => { m.classList.remove('dragging'); m.style.transform = ''; });
      if (minutes !== 0) onDrop(minutes); else onClick();
    };
    element.addEventListener('pointermove', move);
    element.addEventListener('pointerup', up);
    element.addEventListener('pointercancel', up);
  });
}

/** Minutes since midnight of the shift's own day (after midnight counts on, past 24:00). */
function minuteOfShiftDay(s, iso) {
  return Math.round((new Date(`${iso}Z`).getTime() - new Date(`${s.date}T00:00:00Z`).getTime()) / 60000);
}

const clock = minute => `${String(Math.floor(((minute % 1440) + 1440) % 1440 / 60)).padStart(2, '0')}:${String(((minute % 60) + 60) % 60).padStart(2, '0')}`;

async function moveShift(s, minutes) {
  const start = minuteOfShiftDay(s, s.start) + minutes;
  if (start < 0 || start >= 1440) { showError(new Error(i18n.t('schedule.crossesMidnight'))); return; }
  const breaks = s.breaks.map(b => ({ name: b.name, start: clock(minuteOfShiftDay(s, b.start) + minutes) }));
  await applyEdit({ agentId: s.agentId, date: s.date, start: clock(start), lengthMinutes: minuteOfShiftDay(s, s.end) - minuteOfShiftDay(s, s.start), skill: s.skill, breaks });
}

async function moveBreak(s, b, minutes) {
  await applyEdit({ agentId: s.agentId, date: s.date, breaks: [{ name: b.name, start: clock(minuteOfShiftDay(s, b.start) + minutes) }] });
}

function pickForEdit(agentId) {
  $('edit-agent').value = agentId;
  fillEditForm();
  for (const row of $('gantt').querySelectorAll('.gantt-row[data-agent]')) row.classList.toggle('editing', row.dataset.agent === agentId);
  $('edit-start').focus();
}

/** The form shows the chosen agent's shift on the chosen day, or an empty one to add. */
function fillEditForm() {
  if (!current) return;
  const agentId = $('edit-agent').value, day = $('day').value;
  const s = current.result.shifts.find(x => x.agentId === agentId && x.date === day);
  const step = current.intervalMinutes;
  $('edit-start').step = String(step * 60);
  $('edit-length').step = String(step);
  $('edit-start').value = s ? hhmm(s.start) : '';
  $('edit-length').value = s ? String(minuteOfShiftDay(s, s.end) - minuteOfShiftDay(s, s.start)) : '';
  $('edit-remove').checked = false;
  $('edit-breaks').replaceChildren(...(s ? s.breaks : []).map(b => {
    const label = document.createElement('label');
    const input = Object.assign(document.createElement('input'), { type: 'time', value: hhmm(b.start), step: String(step * 60) });
    input.dataset.name = b.name;
    label.append(`${b.name} `, input);
    return label;
  }));
}

async function submitEdit(e) {
  e.preventDefault();
  const agentId = $('edit-agent').value, date = $('day').value;
  if ($('edit-remove').checked) { await applyEdit({ agentId, date, remove: true }); return; }
  const breaks = [...$('edit-breaks').querySelectorAll('input')].map(input => ({ name: input.dataset.name, start: input.value }));
  await applyEdit({ agentId, date, start: $('edit-start').value, lengthMinutes: Number($('edit-length').value), breaks: breaks.length ? breaks : null });
}

/** Sends one agent-day's edit; the schedule comes back checked again and the note says what the edit did. */
async function applyEdit(body) {
  showError(null);
  const unmetBefore = current.result.quality.unmetIntervals;
  const response = await fetch(`/api/schedules/${current.id}/edits`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) { showError(await failure(response)); return; }
  $('edit-agent').value = body.agentId;
  show(await response.json());
  const r = current.result;
  const shift = r.shifts.find(x => x.agentId === body.agentId && x.date === body.date);
  const broken = r.violations.filter(v => v.agentId === body.agentId);
  $('edit-note').textContent = [
    `${who(body.agentId)} ${body.date}: ${shift ? `${hhmm(shift.start)}–${hhmm(shift.end)}` : i18n.t('schedule.noShift')}`,
    `${i18n.t('schedule.unmet')}: ${i18n.int(unmetBefore)} → ${i18n.int(r.quality.unmetIntervals)}`,
    broken.length ? `${i18n.t('schedule.violations')}: ${broken.map(v => `${v.rule} — ${v.detail}`).join('; ')}` : i18n.t('schedule.rulesKept'),
  ].join(' · ');
  await refreshStored();
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
    cell(tr, i18n.stamp(s.createdAt, zone));
    cell(tr, i18n.int(s.shifts));
    cell(tr, i18n.num(s.paidHours));
    cell(tr, i18n.int(s.unmet));
    cell(tr, s.publishedAt ? i18n.stamp(s.publishedAt, zone) : '–');
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
  zone = (await (await fetch('/api/center')).json()).timeZone;
  $('requirements').addEventListener('change', () => readFile('requirements', 'requirementsCsv'));
  $('agents').addEventListener('change', () => readFile('agents', 'agentsCsv'));
  $('rules').addEventListener('change', () => readFile('rules', 'rulesJson'));
  $('demo').addEventListener('click', loadDemo);
  // The center's own rule sets, teams and staffing plans: a schedule needs no file.
  const setup = await (await fetch('/api/center/setup')).json();
  for (const r of setup.ruleSets.filter(x => !x.deactivated)) $('rule-set').append(new Option(r.name, r.id));
  for (const t of setup.teams.filter(x => !x.deactivated)) $('teams').append(new Option(t.name, t.id));
  for (const p of await (await fetch('/api/staffing/plans')).json()) $('plan').append(new Option(`#${p.id} · ${p.name}`, p.id));
  $('plan').addEventListener('change', () => {
    inputs = $('plan').value ? { plan: Number($('plan').value) } : {};
    noteInputs();
  });
  $('rule-set').addEventListener('change', noteInputs);
  const asked = new URLSearchParams(location.search).get('plan');
  if (asked && [...$('plan').options].some(o => o.value === asked)) {
    $('plan').value = asked;
    inputs = { plan: Number(asked) };
  }
  $('schedule-form').addEventListener('submit', make);
  $('publish').addEventListener('click', publish);
  $('request-form').addEventListener('submit', fileRequest);
  $('day').addEventListener('change', () => { gantt(); fillEditForm(); });
  $('edit-agent').addEventListener('change', () => pickForEdit($('edit-agent').value));
  $('edit-form').addEventListener('submit', submitEdit);
  $('skill').addEventListener('change', () => { gantt(); chart(); });
  noteInputs();
  await refreshStored();
  const latest = (await (await fetch('/api/schedules')).json())[0];
  if (latest) await open(latest.id);
  document.body.dataset.ready = 'true';
}

start();
