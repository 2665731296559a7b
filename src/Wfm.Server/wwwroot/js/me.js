// An agent's own page: state now, today's plan and adherence, reporting abuse, their reviews, sessions and wow moments.
import { loadLanguage } from './i18n.js';
import { renderLayout, me } from './layout.js';
import { cell, failure } from './dom.js';

const $ = id => document.getElementById(id);
const i18n = await loadLanguage();
renderLayout(i18n, 'me');
i18n.apply();

const who = await me();
// An agent sees their own page; an admin picks whose page to look at (?agent=).
const picked = new URLSearchParams(location.search).get('agent');
const agentId = who?.agentId ?? picked;
const ownPage = who?.agentId != null;
const center = await (await fetch('/api/center')).json();
const zone = center.timeZone;
$('today').textContent = i18n.date(new Date(`${center.today}T12:00:00Z`), 'UTC');
const q = encodeURIComponent(agentId ?? '');

async function json(url) {
  const response = await fetch(url);
  if (!response.ok) throw await failure(response);
  return response.json();
}

async function showStatus() {
  const agent = await json(`/api/agents/${q}`);
  $('agent-name').textContent = agent.name;
  $('state').textContent = i18n.t(`state.${agent.state}`);
  $('since').textContent = i18n.time(new Date(agent.since), zone);
  // What a supervisor set: a break that starts when this contact ends, or one running until a time.
  const coming = $('coming');
  coming.hidden = !agent.requested && !agent.until;
  coming.textContent = agent.requested
    ? `${i18n.t(`state.${agent.requested}`)} (${i18n.int(agent.requestedMinutes)} ${i18n.t('incident.minutes')}) ${i18n.t('me.startsAfterContact')}`
    : agent.until ? `${i18n.t(`state.${agent.state}`)} ${i18n.t('state.until')} ${i18n.time(new Date(agent.until), zone)}` : '';
  $('handled').textContent = i18n.int(agent.handled);
  $('occupancy').textContent = i18n.pct(agent.occupancy);
  const adherence = await json(`/api/shifts/${q}/${center.today}/adherence`);
  $('adherence').textContent = adherence.adherence == null ? '–' : i18n.pct(adherence.adherence);
}

async function showPlan() {
  const plan = await json(`/api/shifts/${q}/${center.today}`);
  const body = $('plan');
  body.replaceChildren();
  for (const a of plan) {
    const tr = document.createElement('tr');
    cell(tr, i18n.time(new Date(a.start), zone));
    cell(tr, i18n.time(new Date(a.end), zone));
    cell(tr, i18n.t(`activity.${a.kind}`));
    body.append(tr);
  }
  $('no-plan').hidden = plan.length > 0;
}

const queueName = id => center.queues.find(x => x.id === id)?.name ?? id;

/** The agent's contacts of the last 24 hours to report from: the one in hand first; the choice is kept across refreshes. */
async function showContacts() {
  if (!ownPage) return;
  const contacts = await json('/api/me/contacts');
  const select = $('report-contact');
  const chosen = select.value;
  select.replaceChildren(...contacts.map(c => new Option(
    `${c.current ? i18n.t('me.currentContact') : i18n.hm(c.answeredAt, zone)} · ${queueName(c.queueId)} · ${c.contactId}`, c.contactId)));
  if (contacts.some(c => c.contactId === chosen)) select.value = chosen;
  $('no-contacts').hidden = contacts.length > 0;
  $('report-form').querySelector('button').disabled = contacts.length === 0;
}

let weeks = null;

/** The coming weeks as published: each day's shift, breaks and lunch, or a day off; calendar files; requests and their status. */
async function showWeeks() {
  weeks = await json(`/api/me/weeks?agentId=${q}`);
  const body = $('weeks');
  body.replaceChildren(...weeks.days.map(d => {
    const tr = document.createElement('tr');
    tr.dataset.date = d.date;
    if (d.date === center.today) tr.className = 'today';
    const work = d.activities.filter(a => a.kind === 'Work');
    const away = d.activities.filter(a => a.kind !== 'Work');
    cell(tr, i18n.day(d.date));
    if (d.activities.length === 0) {
      tr.classList.add('day-off');
      cell(tr, i18n.t(d.scheduleId ? 'me.dayOff' : 'me.notPublished'));
      cell(tr, '');
    } else {
      const start = Math.min(...d.activities.map(a => Date.parse(a.start)));
      const end = Math.max(...d.activities.map(a => Date.parse(a.end)));
      cell(tr, `${i18n.hm(start, zone)}–${i18n.hm(end, zone)}${work[0]?.queueId ? ` · ${queueName(work[0].queueId)}` : ''}`);
      cell(tr, away.map(a => `${i18n.t(`activity.${a.kind}`)} ${i18n.hm(a.start, zone)}–${i18n.hm(a.end, zone)}`).join(', '));
    }
    return tr;
  }));

  const ids = [...new Set(weeks.days.map(d => d.scheduleId).filter(id => id != null))];
  const calendars = $('calendars');
  calendars.replaceChildren();
  for (const id of ids) {
    const link = document.createElement('a');
    link.href = `/api/schedules/${id}/agents/${q}.ics`;
    link.textContent = `${i18n.t('me.calendar')} (.ics)`;
    link.className = 'calendar-link';
    calendars.append(link, ' ');
  }

  const dates = $('request-date');
  const chosenDate = dates.value;
  dates.replaceChildren(...weeks.days.filter(d => d.scheduleId != null).map(d => new Option(i18n.day(d.date), d.date)));
  if ([...dates.options].some(o => o.value === chosenDate)) dates.value = chosenDate;
  const others = $('request-other');
  if (others.options.length === 0) others.append(...weeks.colleagues.map(c => new Option(c.name, c.id)));
  $('request-form').hidden = !ownPage || dates.options.length === 0;

  const names = new Map(weeks.colleagues.map(c => [c.id, c.name]));
  // One line per request (a list, so it reads on a phone): day, what, with whom, the planner's answer; below it, what the check found.
  $('my-requests').replaceChildren(...weeks.requests.map(r => {
    const li = document.createElement('li');
    li.dataset.request = r.id;
    const other = r.agentId === weeks.agentId ? r.otherAgentId : r.agentId;
    const kind = r.kind === 'trade' && r.agentId !== weeks.agentId ? 'me.tookShift' : { swap: 'me.swap', trade: 'me.trade' }[r.kind] ?? 'me.timeOff';
    const what = `${i18n.day(r.date)} · ${i18n.t(kind)}${other ? ` · ${names.get(other) ?? other}` : ''} · `;
    const status = document.createElement('span');
    status.className = 'status';
    status.textContent = i18n.t(`me.requestStatus.${r.status}`);
    const check = r.check;
    const problems = [...check.violations.map(v => `${v.rule}: ${v.detail}`),
      ...(check.newlyShort.length ? [`${i18n.int(check.newlyShort.length)} ${i18n.t('me.newlyShort')}`] : [])];
    const detail = document.createElement('small');
    detail.textContent = `${i18n.t('me.check')}: ${problems.length ? problems.join('; ') : i18n.t('me.checkOk')}`;
    li.append(what, status, detail);
    return li;
  }));
  $('no-requests').hidden = weeks.requests.length > 0;
}

/** Shifts colleagues of the team put up for trade: take one (granted at once when it breaks no rule, else the planner decides). */
async function showTrades() {
  if (!ownPage) return;
  const trades = await json('/api/me/trades');
  $('trades').replaceChildren(...trades.map(t => {
    const li = document.createElement('li');
    li.dataset.request = t.requestId;
    const start = t.shift.length ? Math.min(...t.shift.map(a => Date.parse(a.start))) : null;
    const end = t.shift.length ? Math.max(...t.shift.map(a => Date.parse(a.end))) : null;
    li.append(`${i18n.day(t.date)} · ${t.agentName}${start ? ` · ${i18n.hm(start, zone)}–${i18n.hm(end, zone)}` : ''}${t.note ? ` — ${t.note}` : ''} `);
    const take = document.createElement('button');
    take.type = 'button';
    take.className = 'take';
    take.textContent = i18n.t(t.offered ? 'me.offeredToTake' : 'me.take');
    take.disabled = t.offered;
    take.addEventListener('click', async () => {
      const response = await fetch(`/api/me/trades/${t.requestId}/take`, { method: 'POST' });
      const out = $('trade-result');
      if (response.ok) {
        const done = await response.json();
        out.className = 'ok';
        out.textContent = i18n.t(done.status === 'approved' ? 'me.tradeTaken' : 'me.tradeWaiting');
      } else {
        out.className = 'error';
        out.textContent = (await failure(response)).message;
      }
      await Promise.all([showTrades(), showWeeks(), showPlan()]);
    });
    li.append(take);
    return li;
  }));
  $('no-trades').hidden = trades.length > 0;
}

$('request-kind').addEventListener('change', () => { $('request-other-label').hidden = $('request-kind').value !== 'swap'; });

$('request-form').addEventListener('submit', async e => {
  e.preventDefault();
  const out = $('request-result');
  const kind = $('request-kind').value;
  const response = await fetch('/api/me/requests', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind, date: $('request-date').value,
      otherAgentId: kind === 'swap' ? $('request-other').value : null,
      note: $('request-note').value || null,
    }),
  });
  if (response.ok) {
    out.className = 'ok';
    out.textContent = i18n.t('me.requestSent');
    $('request-note').value = '';
  } else {
    out.className = 'error';
    out.textContent = (await failure(response)).message;
  }
  await showWeeks();
});

async function showOffers() {
  const offers = await json('/api/me/offers');
  const list = $('offers');
  list.replaceChildren();
  for (const { offer, change } of offers) {
    const li = document.createElement('li');
    li.dataset.offer = offer.id;
    const text = document.createElement('span');
    text.textContent = `${i18n.t(`offer.${offer.kind}`)} ${i18n.hm(change.from, zone)}–${i18n.hm(change.to, zone)} `;
    li.append(text);
    for (const [answer, key] of [['accept', 'me.offerAccept'], ['decline', 'me.offerDecline']]) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = answer;
      button.textContent = i18n.t(key);
      button.addEventListener('click', async () => {
        const response = await fetch(`/api/me/offers/${offer.id}/${answer}`, { method: 'POST' });
        const note = $('offer-message');
        note.hidden = false;
        note.textContent = response.ok
          ? (answer === 'accept' ? `${i18n.t('me.offerTaken')}: ${i18n.hm(change.from, zone)}–${i18n.hm(change.to, zone)}` : '')
          : (await failure(response)).message;
        await Promise.all([showOffers(), showPlan()]);
      });
      li.append(button, ' ');
    }
    list.append(li);
  }
  $('no-offers').hidden = offers.length > 0;
}

async function showCoaching() {
  const reviews = await json(`/api/coaching/reviews?agentId=${q}`);
  $('reviews').replaceChildren(...reviews.map(r => {
    const tr = document.createElement('tr');
    cell(tr, i18n.date(new Date(r.createdAt), zone));
    cell(tr, i18n.num(r.result.score));
    cell(tr, r.reviewer);
    cell(tr, r.notes ?? '');
    return tr;
  }));
  const sessions = await json(`/api/coaching/sessions?agentId=${q}`);
  $('sessions').replaceChildren(...sessions.map(s => {
    const tr = document.createElement('tr');
    cell(tr, s.date);
    cell(tr, s.focus);
    cell(tr, s.trainer);
    cell(tr, (s.actionItems ?? []).map(x => x.text ?? x.description ?? '').join('; '));
    return tr;
  }));
  const wow = await json(`/api/coaching/wow?agentId=${q}&status=confirmed`);
  $('wow').replaceChildren(...wow.map(w => {
    const li = document.createElement('li');
    li.textContent = `“${w.text}”${w.note ? ` — ${w.note}` : ''}`;
    return li;
  }));
  $('trend').src = `/api/kpis/agents/${q}/trend.svg?lang=${i18n.language.code}`;
}

$('report-form').addEventListener('submit', async e => {
  e.preventDefault();
  const out = $('report-result');
  const response = await fetch('/api/incidents/report', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      contactId: $('report-contact').value,
      customerId: $('report-customer').value || null,
      text: $('report-text').value || null,
    }),
  });
  if (response.ok) {
    out.className = 'ok';
    out.textContent = i18n.t('me.reported');
    $('report-text').value = '';
  } else {
    out.className = 'error';
    out.textContent = (await failure(response)).message;
  }
});

async function pickAgent() {
  // Staff without an agent of their own: choose whose page to open.
  const response = await fetch('/api/center/agents');
  if (!response.ok) return;
  const agents = await response.json();
  const select = $('agent-pick');
  select.append(new Option('–', ''), ...agents.map(a => new Option(a.name, a.id)));
  select.value = picked ?? '';
  select.addEventListener('change', () => { if (select.value) location.search = `?agent=${encodeURIComponent(select.value)}&lang=${i18n.language.code}`; });
  $('pick-agent').hidden = false;
}

if (!ownPage) await pickAgent();
if (!agentId) {
  $('status-card').textContent = i18n.t('me.noAgent');
} else {
  if (!ownPage) {
    // Looking at someone else's page: their requests and reports are theirs to make.
    $('report-form').closest('section').hidden = true;
    $('offers-card').hidden = true;
  }
  await Promise.all([showStatus(), showPlan(), showWeeks(), ownPage ? showOffers() : null, ownPage ? showTrades() : null, showContacts(), showCoaching()]);
  if (ownPage) setInterval(() => showTrades().catch(() => {}), 30000);
  setInterval(() => showStatus().catch(() => {}), 15000);
  setInterval(() => showContacts().catch(() => {}), 15000);
  if (ownPage) setInterval(() => showOffers().catch(() => {}), 30000);
}
