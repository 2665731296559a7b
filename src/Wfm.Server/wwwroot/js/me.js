// An agent's own page: state now, today's plan and adherence, reporting abuse, their reviews, sessions and wow moments.
import { loadLanguage } from './i18n.js';
import { renderLayout, me } from './layout.js';
import { cell, failure } from './dom.js';

const $ = id => document.getElementById(id);
const i18n = await loadLanguage();
renderLayout(i18n, 'me');
i18n.apply();

const who = await me();
const agentId = who?.agentId;
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
  if (agent.contactId && !$('report-contact').value) $('report-contact').value = agent.contactId;
  const select = $('report-queue');
  if (select.options.length === 0) {
    for (const id of agent.queueIds) {
      const queue = center.queues.find(x => x.id === id);
      select.append(new Option(queue?.name ?? id, id));
    }
  }
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
      queueId: $('report-queue').value,
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

if (!agentId) {
  $('status-card').textContent = i18n.t('me.noAgent');
} else {
  await Promise.all([showStatus(), showPlan(), showOffers(), showCoaching()]);
  setInterval(() => showStatus().catch(() => {}), 15000);
  setInterval(() => showOffers().catch(() => {}), 30000);
}
