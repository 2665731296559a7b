#!/usr/bin/env python3
"""Writes the small synthetic input files the README's examples use (fixed seed: the same files every time).

history.csv (10 weeks of a support line, 30-minute intervals), email-forecast.csv, contacts.csv,
staffing-plan.csv, schedule-agents.csv, messages.csv, labelled.csv and conversations.csv. forecast.csv and
requirements.csv are then made by the CLI itself from history.csv (see samples/README.md).
"""
import csv, datetime as dt, math, random

rng = random.Random(20261206)
start = dt.date(2026, 9, 21)  # a Monday
weeks = 10


def shape(day, minute):
    """Expected calls per 30 minutes: open Mon-Fri 08-20, Sat 09-14; peaks late morning and mid-afternoon."""
    wd = day.weekday()
    if wd == 6 or minute < (9 * 60 if wd == 5 else 8 * 60) or minute >= (14 * 60 if wd == 5 else 20 * 60):
        return 0.0
    h = minute / 60 + 0.25
    level = 30 * math.exp(-((h - 11) / 2.2) ** 2) + 24 * math.exp(-((h - 15) / 2.5) ** 2) + 6
    return level * (1.15 if wd == 0 else 0.55 if wd == 5 else 1.0)


def poisson(mean):
    if mean <= 0:
        return 0
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


with open("history.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["timestamp", "queue", "offered", "aht_seconds"])
    for d in range(weeks * 7):
        day = start + dt.timedelta(days=d)
        for i in range(48):
            n = poisson(shape(day, i * 30))
            aht = round(rng.gauss(300, 25)) if n else ""
            w.writerow([f"{day} {i // 2:02d}:{(i % 2) * 30:02d}", "support", n, aht])

horizon = start + dt.timedelta(days=weeks * 7)
with open("email-forecast.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["timestamp", "queue", "forecast", "aht_seconds"])
    for d in range(7):
        day = horizon + dt.timedelta(days=d)
        for i in range(48):
            w.writerow([f"{day} {i // 2:02d}:{(i % 2) * 30:02d}", "email", round(shape(day, i * 30) * 0.35, 2), 480])

with open("contacts.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["arrival", "queue", "wait_seconds", "abandoned", "handle_seconds"])
    for d in range(2):
        day = start + dt.timedelta(days=d)
        for i in range(48):
            for _ in range(poisson(shape(day, i * 30) / 3)):
                at = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=i * 30, seconds=rng.randrange(1800))
                patience, wait = rng.expovariate(1 / 240), rng.expovariate(1 / 60)
                abandoned = patience < wait
                w.writerow([at.strftime("%Y-%m-%d %H:%M:%S"), "support", round(min(wait, patience)), "true" if abandoned else "false",
                            "" if abandoned else round(rng.gauss(300, 60))])

with open("staffing-plan.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["timestamp", "queue", "agents"])
    for d in range(14):
        day = horizon + dt.timedelta(days=d)
        for i in range(48):
            w.writerow([f"{day} {i // 2:02d}:{(i % 2) * 30:02d}", "support", math.ceil(shape(day, i * 30) * 300 / 1800 * 1.25)])

first = ["Ayşe", "Mehmet", "Elif", "Can", "Zeynep", "Reza", "Sara", "Ali", "Maryam", "John", "Emma", "Omid"]
last = ["Yılmaz", "Kaya", "Demir", "Şahin", "Ahmadi", "Karimi", "Hosseini", "Smith", "Brown", "Rezaei"]
with open("schedule-agents.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "name", "skills", "min_hours", "max_hours", "max_days", "max_consecutive_days", "min_rest_hours", "preferred_days_off"])
    for i in range(16):
        part = i % 5 == 4
        w.writerow([f"a{i + 1:02d}", f"{first[i % len(first)]} {last[(i * 7) % len(last)]}", "support:1",
                    16 if part else 32, 24 if part else 40, 5, 6, 11, "sat;sun" if i % 3 == 0 else ""])

messages = [
    ("m1", "Thank you, the new card arrived this morning."),
    ("m2", "You are useless, you stupid idiot, fix it now!"),
    ("m3", "Kartım hâlâ gelmedi, ne zaman gönderilecek?"),
    ("m4", "Sen tam bir aptalsın, işini bile yapamıyorsun!"),
    ("m5", "ممنون، مشکل حل شد."),
    ("m6", "خفه شو احمق، هیچ کاری بلد نیستی"),
]
with open("messages.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "text"])
    w.writerows(messages)

polite = {
    "en": ["Could you check my last invoice please?", "Thanks a lot for your help today.", "When will the technician arrive?",
           "I would like to change my address.", "The app shows an error when I log in.", "Great service, thank you!",
           "Can I pay in two instalments?", "My order number is 4471, any news?"],
    "tr": ["Son faturamı kontrol edebilir misiniz?", "Yardımınız için çok teşekkürler.", "Teknisyen ne zaman gelecek?",
           "Adresimi değiştirmek istiyorum.", "Uygulama giriş yaparken hata veriyor.", "Harika hizmet, teşekkürler!",
           "İki taksitte ödeyebilir miyim?", "Sipariş numaram 4471, bir haber var mı?"],
    "fa": ["لطفاً آخرین صورتحسابم را بررسی کنید.", "خیلی ممنون از کمکتان.", "تکنسین کی می‌آید؟", "می‌خواهم آدرسم را عوض کنم.",
           "برنامه موقع ورود خطا می‌دهد.", "خدمات عالی بود، متشکرم!", "می‌توانم در دو قسط پرداخت کنم؟", "شمارهٔ سفارشم ۴۴۷۱ است، خبری هست؟"],
}
rude = {
    "en": ["You stupid idiot, do your job!", "Shut up and give me my money, moron.", "You are all useless clowns.",
           "I will find you, you worthless fool.", "What an incompetent idiot you are.", "Shut up, nobody asked you, idiot.",
           "Useless moron, transfer me now!", "You stupid clowns ruined everything."],
    "tr": ["Sen tam bir aptalsın!", "Kes sesini salak, paramı ver.", "Hepiniz beceriksiz geri zekalılarsınız.",
           "Aptal herif, işini yap!", "Salak mısın sen, anlamıyor musun?", "Geri zekalı, hemen bağla beni.",
           "Beceriksiz aptallar, her şeyi mahvettiniz.", "Kes sesini be aptal."],
    "fa": ["خفه شو احمق!", "تو یک احمق بی‌عرضه‌ای.", "همه‌تان بی‌شعورید.", "احمق، کارت را درست انجام بده!",
           "بی‌شعور، پولم را پس بده.", "خفه شو، کسی از تو نپرسید احمق.", "بی‌عرضه‌های احمق همه چیز را خراب کردید.", "احمق بی‌شعور، وصلم کن."],
}
with open("labelled.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["text", "label", "language"])
    for language in ["en", "tr", "fa"]:
        for a, b in zip(polite[language], rude[language]):
            w.writerow([a, "0", language])
            w.writerow([b, "1", language])

with open("conversations.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["conversation_id", "sender", "text", "language", "agent", "timestamp", "customer_name"])
    w.writerows([
        ["c1", "customer", "My card was charged twice and I am really worried.", "en", "a01", "2026-11-30 09:00:00", "Emma"],
        ["c1", "agent", "Hello Emma, I understand how worrying that is. You're right to ask; I have refunded the second charge.", "en", "a01", "2026-11-30 09:01:10", "Emma"],
        ["c1", "agent", "I will call you tomorrow to make sure the refund has arrived.", "en", "a01", "2026-11-30 09:02:00", "Emma"],
        ["c2", "customer", "İnternetim iki gündür çalışmıyor, çok sinirliyim.", "tr", "a02", "2026-11-30 10:00:00", "Mehmet"],
        ["c2", "agent", "Bu bizim politikamız, yapabileceğim bir şey yok.", "tr", "a02", "2026-11-30 10:01:30", "Mehmet"],
        ["c3", "customer", "سفارشم هنوز نرسیده و خیلی نگرانم.", "fa", "a03", "2026-11-30 11:00:00", "Sara"],
        ["c3", "agent", "سارا خانم، حق با شماست. همین حالا پیگیری می‌کنم و فردا با شما تماس می‌گیرم.", "fa", "a03", "2026-11-30 11:01:00", "Sara"],
    ])

# actuals.csv: history.csv and the morning of the first forecast day (Monday 2026-11-30) up to 12:00, running about
# a quarter over the usual with longer calls: the input of `wfm intraday reforecast` (its own generator, so the files
# above stay as they are).
today_rng = random.Random(20261130)
with open("history.csv") as source, open("actuals.csv", "w", newline="") as f:
    f.write(source.read())
    w = csv.writer(f, lineterminator="\n")
    for i in range(24):
        mean = shape(horizon, i * 30) * 1.25
        limit, k, p = math.exp(-mean), 0, 1.0
        while mean > 0:
            p *= today_rng.random()
            if p <= limit:
                break
            k += 1
        w.writerow([f"{horizon} {i // 2:02d}:{(i % 2) * 30:02d}", "support", k, round(today_rng.gauss(340, 25)) if k else ""])

# capacity-history.csv: 26 weeks of a 300-agent sales center's two queues in hourly intervals, open Mon-Sat 08-20,
# voice slowly growing; the input of `wfm capacity plan` with capacity-headcount.csv and capacity-hiring.json (its own
# generator, so the files above stay as they are).
cap_rng = random.Random(20261207)
cap_start = dt.date(2026, 6, 1)  # a Monday
with open("capacity-history.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["timestamp", "queue", "offered", "aht_seconds"])
    for d in range(26 * 7):
        day = cap_start + dt.timedelta(days=d)
        if day.weekday() == 6:
            continue
        growth = 1 + 0.003 * (d / 7)
        wd = 1.12 if day.weekday() == 0 else 0.6 if day.weekday() == 5 else 1.0
        for hour in range(8, 20):
            h = hour + 0.5
            curve = 0.55 + 0.45 * math.exp(-((h - 11.5) / 2.5) ** 2) + 0.35 * math.exp(-((h - 16) / 2.5) ** 2)
            for queue, base, aht in (("sales-voice", 1500, 300), ("sales-chat", 320, 540)):
                mean = base * curve * wd * (growth if queue == "sales-voice" else 1)
                w.writerow([f"{day} {hour:02d}:00", queue, max(0, round(cap_rng.gauss(mean, math.sqrt(mean)))), round(cap_rng.gauss(aht, aht * 0.04))])

# capacity-queues.csv, capacity-teams.csv, capacity-agents.csv: the same 300-agent center for the server (the
# capacity plan from the /capacity page), matching capacity-headcount.csv row for row.
with open("capacity-queues.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "name", "channel", "target_percent", "target_seconds", "hours"])
    w.writerow(["sales-voice", "Sales line", "voice", 80, 20, "Mon-Sat 08:00-20:00"])
    w.writerow(["sales-chat", "Sales chat", "chat", 80, 60, "Mon-Sat 08:00-20:00"])
with open("capacity-teams.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "name"])
    for team in ("izmir", "ankara", "tabriz"):
        w.writerow([team, team.capitalize()])
with open("capacity-agents.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "name", "team", "skills", "locale", "hire_date"])
    as_of = dt.date(2026, 11, 30)
    groups = [("sales-voice:4", 200, 80), ("sales-voice:4;sales-chat:3", 60, 120), ("sales-chat:4", 40, 60)]
    n = 0
    for skills, heads, tenure in groups:
        for _ in range(heads):
            n += 1
            team = ("izmir", "ankara", "tabriz")[n % 3]
            w.writerow([f"s{n:03d}", f"Agent {n:03d}", team, skills, "fa" if team == "tabriz" else "tr", as_of - dt.timedelta(weeks=tenure)])
