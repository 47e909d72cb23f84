# The text is written as people write it, typographic dashes and signs included.
# ruff: noqa: RUF001
"""What the demo community says: the Planwerk customer forum, in English and German.

Pure data, read by ``demo.community``. Planwerk is a project-planning SaaS
(boards, a Gantt timeline, workload planning, time tracking, a REST API);
its customers and its team talk here.

Every thread is a dict:

- ``category``: a slug from ``CATEGORIES``; ``author``: a demo username;
- ``age``: how many days ago the thread was opened;
- ``title``, ``tags`` and ``body`` (Markdown; indentation is removed);
- ``replies``: ``(author, body)`` or ``(author, body, quoted, excerpt)``,
  where ``quoted`` indexes the thread's hand-written posts (0 = the opening
  post, 1 = the first reply, ...) and ``excerpt`` is the quoted text;
- optional ``accepted`` and ``deleted``: indexes of hand-written posts,
  the accepted answer and a post its author deleted;
- optional ``filler_pool`` (a key of ``FILLERS`` other than the category's),
  ``pinned``, ``locked``, ``span`` (days from the first to the last
  post; otherwise a few days) and ``fillers`` (a fixed number of filler
  replies; otherwise the loader spreads them by the category's
  ``filler_weight``).

Filler replies ("+1", "thanks, that worked") come from
``FILLERS[category["fillers"]]``, written by customers who speak the
category's ``fillers_by`` (``"en"``, ``"de"``) or, for ``"team"``, by
``INTERNAL_VOICES``. ``early`` ones go before a thread's accepted answer (or
its last hand-written post), ``late`` ones after it; ``details`` are
sometimes appended to an early one, ``{context}`` standing for the filler
author's ``context`` in the category's language. ``{op}`` is replaced with the thread
author's username, ``{prev}`` with the previous poster's.
"""

#: Everyone who talks in the demo, by username, and how active they are:
#: ``joined`` days ago, ``visits`` days visited, ``reads`` the share of the
#: threads they may see that they opened, ``likes`` how readily they react.
#: The first nine are demo.accounts' people and write only hand-written
#: posts. The others are customers created here (``name``, ``language``) who
#: also write the filler replies in the languages they ``speak``, sometimes
#: adding a sentence of ``context`` about their company.
PEOPLE = {
    "admin": {"joined": 400, "visits": 70, "reads": 0.30, "likes": 0.15},
    "carla": {"joined": 400, "visits": 88, "reads": 0.95, "likes": 0.60},
    "moritz": {"joined": 400, "visits": 84, "reads": 0.92, "likes": 0.45},
    "sam": {"joined": 400, "visits": 44, "reads": 0.85, "likes": 0.30},
    "priya": {"joined": 400, "visits": 41, "reads": 0.70, "likes": 0.30},
    "alice": {"joined": 400, "visits": 76, "reads": 0.93, "likes": 0.55},
    "bernd": {"joined": 400, "visits": 39, "reads": 0.60, "likes": 0.30},
    "chen": {"joined": 400, "visits": 11, "reads": 0.55, "likes": 0.25},
    "dana": {"joined": 18, "visits": 6, "reads": 0.05, "likes": 0.10},
    "mike_oconnor": {
        "name": "Mike O'Connor", "language": "en", "joined": 300,
        "visits": 35, "reads": 0.40, "likes": 0.30, "speaks": ("en",),
        "context": {"en": "We're a fit-out contractor in Dublin with around 15 jobs at once."},
    },
    "sarah.kim": {
        "name": "Sarah Kim", "language": "en", "joined": 250,
        "visits": 52, "reads": 0.55, "likes": 0.45, "speaks": ("en",),
        "context": {"en": "We're a digital agency, 45 people, mostly short campaigns."},
    },
    "tomasz": {
        "name": "Tomasz Nowak", "language": "en", "joined": 190,
        "visits": 22, "reads": 0.30, "likes": 0.20, "speaks": ("en",),
        "context": {"en": "I look after IT for a 200-person engineering group."},
    },
    "jwalker": {
        "name": "James Walker", "language": "en", "joined": 320,
        "visits": 40, "reads": 0.45, "likes": 0.35, "speaks": ("en",),
        "context": {"en": "We're a construction contractor with about 30 live sites."},
    },
    "fatima.r": {
        "name": "Fatima Rahman", "language": "en", "joined": 140,
        "visits": 18, "reads": 0.35, "likes": 0.40, "speaks": ("en",),
        "context": {"en": "We plan events, so our deadlines never move."},
    },
    "nora_lund": {
        "name": "Nora Lund", "language": "en", "joined": 95,
        "visits": 16, "reads": 0.30, "likes": 0.25, "speaks": ("en",),
        "context": {"en": "We're a 60-person engineering consultancy in Oslo."},
    },
    "raj.patel": {
        "name": "Raj Patel", "language": "en", "joined": 210,
        "visits": 30, "reads": 0.40, "likes": 0.20, "speaks": ("en",),
        "context": {"en": "We sync Planwerk with our ERP every night."},
    },
    "sophie.martin": {
        "name": "Sophie Martin", "language": "en", "joined": 60,
        "visits": 12, "reads": 0.25, "likes": 0.30, "speaks": ("en",),
        "context": {"en": "We run about 40 client projects a year from our Lyon office."},
    },
    "ines.costa": {
        "name": "Inês Costa", "language": "en", "joined": 45,
        "visits": 9, "reads": 0.20, "likes": 0.25, "speaks": ("en",),
        "context": {"en": "We're a small architecture studio, new to Planwerk."},
    },
    "dave_h": {
        "name": "Dave Hughes", "language": "en", "joined": 270,
        "visits": 28, "reads": 0.35, "likes": 0.15, "speaks": ("en",),
        "context": {"en": "We're on the EU region with about 40 seats."},
    },
    "luca.rossi": {
        "name": "Luca Rossi", "language": "en", "joined": 110,
        "visits": 14, "reads": 0.25, "likes": 0.30, "speaks": ("en",),
        "context": {"en": "Our infrastructure projects run for years, so this adds up."},
    },
    "lena.hoffmann": {
        "name": "Lena Hoffmann", "language": "de", "joined": 230,
        "visits": 33, "reads": 0.45, "likes": 0.40, "speaks": ("de", "en"),
        "context": {
            "en": "I do project controlling for a 300-person engineering company.",
            "de": "Ich mache das Projektcontrolling in einem Ingenieurbüro mit 300 Leuten.",
        },
    },
    "k.schmidt": {
        "name": "Katrin Schmidt", "language": "de", "joined": 180,
        "visits": 25, "reads": 0.40, "likes": 0.35, "speaks": ("de",),
        "context": {"de": "Wir sind ein Ingenieurbüro mit ca. 30 Leuten."},
    },
    "olli_brandt": {
        "name": "Oliver Brandt", "language": "de", "joined": 280,
        "visits": 31, "reads": 0.35, "likes": 0.25, "speaks": ("de", "en"),
        "context": {
            "en": "We're a planning office in Hamburg, about 40 people.",
            "de": "Wir sind ein Planungsbüro in Hamburg mit rund 40 Leuten.",
        },
    },
    "felix.wagner": {
        "name": "Felix Wagner", "language": "de", "joined": 75,
        "visits": 13, "reads": 0.30, "likes": 0.30, "speaks": ("de",),
        "context": {"de": "Ich bin meistens auf der Baustelle und nutze fast nur die App."},
    },
    "miriam.bauer": {
        "name": "Miriam Bauer", "language": "de", "joined": 150,
        "visits": 20, "reads": 0.30, "likes": 0.35, "speaks": ("de", "en"),
        "context": {
            "en": "We're an architecture office in Cologne.",
            "de": "Wir sind ein Architekturbüro in Köln.",
        },
    },
    "anke.vogel": {
        "name": "Anke Vogel", "language": "de", "joined": 40,
        "visits": 8, "reads": 0.20, "likes": 0.20, "speaks": ("de",),
        "context": {"de": "Wir sind ein kleines Planungsbüro und erst seit ein paar Wochen dabei."},
    },
    "jan.peters": {
        "name": "Jan Peters", "language": "de", "joined": 350,
        "visits": 37, "reads": 0.40, "likes": 0.30, "speaks": ("de",),
        "context": {"de": "Wir planen damit rund 50 Projekte im Jahr."},
    },
    "selin.yilmaz": {
        "name": "Selin Yılmaz", "language": "de", "joined": 200,
        "visits": 24, "reads": 0.35, "likes": 0.40, "speaks": ("de", "en"),
        "context": {
            "en": "Three of our teams, 25 people in all, plan in Planwerk.",
            "de": "Bei uns planen drei Teams mit zusammen 25 Leuten in Planwerk.",
        },
    },
    "thomas.richter": {
        "name": "Thomas Richter", "language": "de", "joined": 330,
        "visits": 29, "reads": 0.30, "likes": 0.20, "speaks": ("de",),
        "context": {"de": "Wir sind ein Stahlbauer, die ganze Planung läuft über Planwerk."},
    },
}  # fmt: skip

#: Planwerk's employees. With the volunteer moderator they are the only people
#: who see the internal category, where they write its filler replies too.
TEAM = ("admin", "carla", "sam", "priya")
INTERNAL_VOICES = (*TEAM, "moritz")

CATEGORIES = [
    {
        "slug": "announcements",
        "name": "Announcements",
        "description": "Releases, maintenance windows and news from the Planwerk team.",
        "visibility": "public",
        "fillers": "announcements",
        "fillers_by": "en",
        "filler_weight": 2.0,
    },
    {
        "slug": "questions",
        "name": "Questions & Answers",
        "description": (
            "Ask how to do something in Planwerk. When a reply solves it, "
            "mark it as the answer so the next person finds it."
        ),
        "visibility": "public",
        "is_qa": True,
        "fillers": "questions",
        "fillers_by": "en",
        "filler_weight": 0.8,
    },
    {
        "slug": "ideas",
        "name": "Ideas & Feature Requests",
        "description": (
            "Suggest an improvement and vote with a reply. The product team reads every thread."
        ),
        "visibility": "public",
        "is_feedback_welcome": True,
        "fillers": "ideas",
        "fillers_by": "en",
        "filler_weight": 3.0,
    },
    {
        "slug": "bugs",
        "name": "Bug Reports",
        "description": (
            "Something broken? Tell us what you did, what you expected and your version."
        ),
        "visibility": "public",
        "fillers": "bugs",
        "fillers_by": "en",
        "filler_weight": 1.0,
    },
    {
        "slug": "api-integrations",
        "name": "API & Integrations",
        "description": (
            "REST API, webhooks, Zapier, Jira, Slack, Teams and Outlook, and your scripts."
        ),
        "visibility": "public",
        "fillers": "questions",
        "fillers_by": "en",
        "filler_weight": 0.8,
    },
    {
        "slug": "deutschsprachige-community",
        "name": "Deutschsprachige Community",
        "description": "Fragen, Tipps und Austausch rund um Planwerk auf Deutsch.",
        "visibility": "public",
        "fillers": "german",
        "fillers_by": "de",
        "filler_weight": 1.5,
    },
    {
        "slug": "customer-lounge",
        "name": "Customer Lounge",
        "description": (
            "For signed-in customers: show your setups, webinar recordings, "
            "user groups and the beta programme."
        ),
        "visibility": "members",
        "fillers": "lounge",
        "fillers_by": "en",
        "filler_weight": 1.5,
    },
    {
        "slug": "staff-room",
        "name": "Staff Room",
        "description": "Planwerk team only: escalations, release coordination, moderation notes.",
        "visibility": "internal",
        "fillers": "internal",
        "fillers_by": "team",
        "filler_weight": 0.6,
    },
]

FILLERS = {
    "questions": {
        "early": [
            "Good question, I was about to ask the same.",
            "Interested in the answer as well.",
            "Following.",
            "+1, following this thread.",
            "We have the same question internally.",
            "Same question from our side.",
            "Following — our project leads asked me about this on Monday.",
            "Subscribing.",
            "Would like to know too.",
            "I've wondered about this as well.",
            "Good one. Following.",
        ],
        "details": [
            "{context}",
            "Our tenant is on the Business plan, in case that matters.",
            "The help centre wasn't clear on this for me either.",
            "We're about to roll Planwerk out to more teams, so the timing is good.",
            "It matters most in our larger projects (300+ tasks).",
        ],
        "late": [
            "Thanks @{prev}, that did it for us too.",
            "Just tried this — works. Thanks!",
            "Bookmarking this one. Thanks for the clear write-up, @{prev}.",
            "This should really be in the help centre. 🙂",
            "Worked for us, although the setting sits under *Advanced* on our plan.",
            "Great, that saves me a support ticket.",
            "Thanks @{op} for asking — I had the same question and never got round to posting.",
            "Perfect, thanks!",
            "Nice one, that's much easier than what we did.",
            "Thanks, adding this to our internal wiki.",
            "Good to know. Thanks @{prev}.",
        ],
    },
    "bugs": {
        "early": [
            "Same here.",
            "We're seeing exactly the same thing.",
            "Can confirm, happens for us too.",
            "Also affects us.",
            "Ran into this yesterday as well.",
            "Me too — glad it's not just us.",
            "Happened to one of our project leads this morning.",
            "+1",
            "Same problem here.",
            "Reproducible on our side as well.",
        ],
        "details": [
            "{context}",
            "Chrome on Windows 11 here.",
            "Firefox on macOS, if that helps.",
            "It started for us after the last update.",
            "Colleagues on the iPad app report the same.",
            "Safari on the Mac too.",
            "We see it on two different workspaces.",
            "Only for some users, not all.",
            "Our workspace was moved from the US region last year, in case that's related.",
        ],
        "late": [
            "Thanks for the update, @{prev}.",
            "Good to hear it's being worked on.",
            "Thanks for keeping us posted, @{prev}.",
            "Great turnaround, thanks @{prev}.",
            "Thanks for looking into it so quickly.",
            "Thanks! We'll keep an eye on it after the update.",
        ],
    },
    "ideas": {
        "early": [
            "+1, we'd use this every day.",
            "Yes please!",
            "+1 from our PMO.",
            "Voted. This would save us a lot of manual work.",
            "Big +1.",
            "We need this too.",
            "+1 — this comes up in every onboarding we do.",
            "Strong +1.",
            "Please! We currently work around this with a spreadsheet.",
            "+1, ideally configurable per project.",
            "Adding our vote.",
            "This is the one thing our team keeps asking me about.",
            "+1. Would make a big difference for us.",
            "Another vote here.",
            "+1 — surprised this isn't there yet.",
            "Yes! +1",
            "Would love this.",
            "+1, we've been missing this since day one.",
            "Same request from our side.",
            "+1, and thanks @{op} for writing it up so clearly.",
        ],
        "details": [
            "{context}",
            "With a dozen projects in parallel this gets painful quickly.",
            "Our clients ask for it in almost every steering meeting.",
            "Right now we export to Excel and fix it by hand every Friday.",
            "Happy to join a beta if you need testers.",
            "It would also make onboarding new project leads much easier.",
            "Ideally it would work in the mobile app too.",
            "We'd even accept it as a Business-plan-only feature.",
            "Our agency partners keep asking about it.",
            "Our controllers would love it.",
            "Especially for multi-site projects.",
            "We'd use it in at least 20 projects right away.",
            "It's one of the few things we miss from our old tool.",
        ],
        "late": [
            "Great to hear it's planned, @{prev}! Happy to test.",
            "Thanks for the update, @{prev}.",
            "Nice, that sounds like exactly what we need.",
            "Count us in for the beta.",
            "Thanks for listening, Planwerk team. 🙏",
            "+1 to the approach @{prev} describes.",
            "Looking forward to it — thanks for keeping this thread updated.",
            "Sounds great, thanks @{prev}.",
            "That would work well for us.",
            "Excellent, thanks for the transparency.",
            "Good news! +1 for shipping it early, even without every option.",
        ],
    },
    "announcements": {
        "early": [
            "Thanks for the heads-up!",
            "Great update, thanks team!",
            "Nice work 👏",
            "Looks great, can't wait to try it.",
            "Thanks, @{op}!",
            "Appreciate the clear write-up.",
            "Shared this with our project leads.",
            "Thanks for keeping us posted.",
            "This is great news.",
            "Exactly what we needed, thank you!",
            "Looking forward to trying this on Monday.",
            "Our project leads will be happy about this one.",
            "Well done, team!",
            "Thank you for the detailed notes.",
            "👍 Great stuff.",
            "Thanks! Good to see the community's feedback in there.",
        ],
        "details": [
            "Our team lead was asking about exactly this yesterday.",
            "Forwarded to our IT department.",
            "Good to see the changelog this detailed.",
            "We'll roll it out to our team next week.",
            "The help centre article was very clear too.",
            "Nice to see ideas from this forum making it in.",
        ],
        "late": [
            "Already live on our tenant — works nicely.",
            "Love it. Keep them coming.",
            "Thanks @{prev}, that answers my question too.",
            "Thanks for the quick answers in here, @{op}.",
            "Great, thanks for clarifying.",
            "Thanks for the quick reply, @{prev}.",
            "Good to know, thanks!",
            "Perfect, that's what I hoped.",
        ],
    },
    "german": {
        "early": [
            "Gleiches Problem bei uns.",
            "+1, das betrifft uns auch.",
            "Interessiert mich auch, ich lese mit.",
            "Kann ich bestätigen.",
            "Gute Frage, hatte ich mir auch schon gestellt.",
            "Bei uns genauso.",
            "Würde mich auch interessieren.",
            "Geht uns genauso.",
            "Ich schließe mich an.",
            "Danke fürs Nachfragen, das Thema haben wir auch.",
            "Spannendes Thema, ich lese mit.",
        ],
        "details": [
            "{context}",
            "Wir nutzen den Business-Tarif im EU-Rechenzentrum.",
            "Tritt bei uns seit dem letzten Update auf.",
            "Bei uns vor allem in großen Projekten mit vielen Vorgängen.",
            "Unsere Buchhaltung hat das auch schon angemerkt.",
            "Das betrifft vor allem unsere Projektleitung.",
            "Wäre auch für unsere Baustellen-Teams wichtig.",
        ],
        "late": [
            "Danke @{prev}, hat bei uns auch funktioniert!",
            "Super, vielen Dank für die schnelle Antwort.",
            "Danke für die Erklärung, jetzt ist es klar.",
            "Top, das spart mir ein Support-Ticket.",
            "Danke fürs Teilen, @{op}!",
            "Prima, funktioniert.",
            "Sehr hilfreich, danke!",
            "Klasse, danke!",
            "Merci, hat geklappt.",
            "Danke, das hilft uns sehr.",
            "Super Tipp, @{prev}!",
        ],
    },
    "german_social": {
        "early": [
            "Super Idee!",
            "Klingt gut!",
            "Danke fürs Organisieren!",
            "Sehr cool, danke fürs Teilen.",
            "Freut mich, dass es das gibt!",
            "Toll, danke!",
            "Gute Sache.",
            "Hallo zusammen!",
            "Da bin ich gespannt.",
        ],
        "details": [
            "Wir kommen gern beim nächsten Mal.",
            "Gebe ich gleich an unsere Projektleiter weiter.",
            "Genau so etwas habe ich gesucht.",
        ],
        "late": [
            "Danke @{prev}!",
            "Bis zum nächsten Mal!",
            "Schön, dass es so gut ankommt.",
            "Danke an alle!",
        ],
    },
    "lounge": {
        "early": [
            "Love this, thanks for sharing @{op}!",
            "Really useful, thanks.",
            "Great idea for a thread.",
            "Nice setup! Stealing this for our team. 😄",
            "Thanks for posting this.",
            "Super interesting to see how others do it.",
            "Thanks for organising this!",
            "Very helpful, thank you.",
            "What a great community.",
            "Interesting — thanks for the insight.",
            "Great to see how others use Planwerk.",
        ],
        "details": [
            "Our setup is much simpler, but this gives me ideas.",
            "Sharing this with our project leads.",
            "Bookmarked for our next team meeting.",
        ],
        "late": [
            "Thanks @{prev}!",
            "Great thread, bookmarked.",
            "This community is the best part of Planwerk, honestly.",
            "See you all at the next one!",
            "Thanks everyone!",
            "Love these threads.",
        ],
    },
    "internal": {
        "early": [
            "Ack.",
            "On it.",
            "Thanks, noted.",
            "+1",
            "I'll take this one.",
            "Agree.",
            "Looks good to me.",
            "Added to the agenda for Thursday's sync.",
            "I'll loop in engineering.",
        ],
        "details": ["Let's review it in the weekly.", "I'll update the ticket."],
        "late": ["Thanks all, closing the loop here.", "Done ✅", "Thanks @{prev}!", "Perfect."],
    },
}

THREADS = [
    # ---------------------------------------------------------------- Announcements
    {
        "category": "announcements",
        "author": "carla",
        "age": 89,
        "pinned": True,
        "title": "Welcome to the Planwerk Community — start here",
        "tags": ["welcome"],
        "body": """
            Hi everyone, and welcome! 👋

            This is the place where Planwerk customers help each other and where
            our team listens. A quick tour:

            - **Questions & Answers** — ask how to do something. Mark the reply that
              solved it as the answer.
            - **Ideas & Feature Requests** — suggest improvements; the product team
              (hi @priya) reads every thread.
            - **Bug Reports** — tell us what you did, what you expected and your version.
            - **API & Integrations** — webhooks, scripts, Jira, Slack, Teams.
            - **Deutschsprachige Community** — alles auf Deutsch, betreut von @moritz.
            - **Customer Lounge** — for signed-in customers: show & tell, recordings, betas.

            Our support team (@sam and colleagues) answers on weekdays between
            08:00 and 18:00 CET. For anything involving personal data or billing,
            please still open a ticket at support@planwerk.example.

            Please read the community guidelines, then introduce yourself in the lounge!
        """,
        "replies": [
            (
                "alice",
                "Great to finally have a proper forum instead of the old mailing list. "
                "Searching the archive there was painful.",
            ),
            (
                "bernd",
                "Schön, dass es auch eine deutschsprachige Ecke gibt! Our team is half "
                "German-speaking, so this helps a lot.",
            ),
            (
                "chen",
                "Is there a way to get an e-mail digest instead of a notification per post?",
            ),
            (
                "carla",
                "@chen yes: *Preferences → Notifications → Digest*, daily or weekly. "
                "You can still follow single threads with instant notifications.",
            ),
        ],
    },
    {
        "category": "announcements",
        "author": "carla",
        "age": 89,
        "pinned": True,
        "locked": True,
        "fillers": 0,
        "title": "Community guidelines",
        "tags": ["welcome"],
        "body": """
            Short version: be kind, stay on topic, help the next person.

            1. **Be respectful.** Disagree with ideas, not with people.
            2. **Search first.** Your question may already have an accepted answer.
            3. **One topic per thread**, with a title that says what it is about.
            4. **No personal data.** Don't post customer names, invoices or access
               tokens. If you pasted a token by accident, revoke it in
               *Settings → API* and tell a moderator.
            5. **No advertising.** Sharing your own scripts and templates is welcome;
               sales pitches are not.
            6. **English or German.** German threads belong in the
               Deutschsprachige Community.

            Moderators may edit titles, move threads and lock duplicates. If you
            think a decision was wrong, send @carla or @moritz a message.

            This thread is locked; questions about the guidelines go to the lounge.
        """,
        "replies": [],
    },
    {
        "category": "announcements",
        "author": "priya",
        "age": 80,
        "title": "Planwerk 4.11: baselines, workload heatmap and a faster Gantt",
        "tags": ["release", "gantt", "workload"],
        "body": """
            Planwerk 4.11 is rolling out to all regions this week. Highlights:

            ### Baselines
            Save a snapshot of your plan and compare it later. The timeline shows
            the baseline as a thin grey bar under each task; the new *Variance*
            column tells you how many days a task has slipped.

            ### Workload heatmap
            *Team → Workload* now shows a heatmap per person and week.
            Red means booked above capacity.

            ### Performance
            Projects with 2,000+ tasks open about three times faster in the timeline.

            Full changelog: *Help → What's new*. Tell us what you think here!
        """,
        "replies": [
            (
                "alice",
                "Baselines! We've waited for this since we moved from MS Project. "
                "First impression: the variance column is exactly what our steering "
                "committee wants to see.",
            ),
            ("chen", "Is the heatmap data available through the API?"),
            (
                "priya",
                "@chen not yet — a workload endpoint is planned for 4.12. "
                "I'll post in the API category when there's a beta.",
            ),
            (
                "bernd",
                "The heatmap ignores our Bavarian public holidays — 15 August shows "
                "everyone as available. Should I file a bug?",
            ),
            (
                "sam",
                "@bernd yes please, in Bug Reports with your region setting. "
                "I can already reproduce it, so it should be quick.",
            ),
        ],
    },
    {
        "category": "announcements",
        "author": "sam",
        "age": 58,
        "locked": True,
        "title": "Scheduled maintenance: Sunday 02:00–04:00 CET (EU region)",
        "tags": ["maintenance"],
        "body": """
            We're upgrading the database cluster of the **EU region** on Sunday
            between 02:00 and 04:00 CET.

            - The web app shows a maintenance page during that window.
            - The API answers `503 Service Unavailable` with a `Retry-After` header.
            - Webhooks are queued and delivered afterwards.
            - US and APAC regions are not affected.

            We'll post here when it's done.
        """,
        "replies": [
            (
                "bernd",
                "Does the mobile app keep working during the window? Some of our site "
                "crews work night shifts.",
            ),
            (
                "sam",
                "Yes — the apps keep working offline and sync once we're back. "
                "Only changes that conflict with someone else's edit need a manual check.",
            ),
            (
                "chen",
                "Our nightly sync job runs at 02:30. I'll rely on the Retry-After header then. 🙂",
            ),
            (
                "sam",
                "Maintenance finished at 03:12 CET, everything is back to normal and "
                "queued webhooks have been delivered. Locking this thread — please open "
                "a new one if you notice anything odd.",
            ),
        ],
    },
    {
        "category": "announcements",
        "author": "carla",
        "age": 46,
        "title": "Planwerk Academy: four free webinars this month",
        "tags": ["webinar", "academy"],
        "body": """
            We're running four 45-minute webinars over the next four weeks, every
            Tuesday at 16:00 CET, each with live Q&A:

            | Week | Topic | Level |
            |------|-------|-------|
            | 1 | Getting started with boards and the timeline | Beginner |
            | 2 | Workload planning without tears | Intermediate |
            | 3 | Baselines and reporting for steering committees | Intermediate |
            | 4 | Automating Planwerk with the API and webhooks | Advanced |

            Sign-up links are in the Academy. Recordings will be posted in the
            Customer Lounge.
        """,
        "replies": [
            ("alice", "Will the recordings include the Q&A part?"),
            (
                "carla",
                "@alice yes, the whole session. We'll also collect the questions we "
                "couldn't answer live and reply to them in the lounge.",
            ),
            (
                "chen",
                "Signed up for the API one. Any chance of covering webhook signature "
                "verification? Half our team got it wrong at first.",
            ),
            ("sam", "@chen noted, I'll add a 10-minute segment on it."),
        ],
    },
    {
        "category": "announcements",
        "author": "sam",
        "age": 34,
        "title": "API rate limits change on the first of next month",
        "tags": ["api", "rate-limits"],
        "body": """
            From the first of next month the REST API limits change:

            - **600 requests per minute per token** (up from 300);
            - a new **batch endpoint** `POST /v2/tasks:batch` takes up to 100 operations
              and counts as one request;
            - every response carries `X-RateLimit-Limit`, `X-RateLimit-Remaining` and
              `X-RateLimit-Reset`.

            Clients that handle `429 Too Many Requests` with the `Retry-After` header
            need no changes.
        """,
        "replies": [
            (
                "chen",
                """
                Finally a batch endpoint! For anyone who wants a simple backoff:

                ```python
                import time
                import requests

                def call(session, method, url, **kwargs):
                    while True:
                        response = session.request(method, url, timeout=30, **kwargs)
                        if response.status_code != 429:
                            return response
                        time.sleep(int(response.headers.get("Retry-After", "5")))
                ```
                """,
            ),
            (
                "alice",
                "Does the batch endpoint fail as a whole if one operation is invalid?",
            ),
            (
                "sam",
                "@alice no, each operation gets its own status in the response array. "
                'Add `"atomic": true` to the request if you want all-or-nothing.',
            ),
        ],
    },
    {
        "category": "announcements",
        "author": "priya",
        "age": 19,
        "title": "Planwerk 4.12: workload API, Microsoft Teams app and Gantt printing",
        "tags": ["release", "api", "teams", "gantt"],
        "body": """
            Planwerk 4.12 is live in all regions. 🎉

            - **Workload API:** `GET /v2/workload?start=…&end=…` returns booked and
              available hours per person and day.
            - **Microsoft Teams app:** add a project as a tab, get notifications in a
              channel, create tasks from messages.
            - **Gantt printing:** print or export the timeline as PDF, A4 to A1,
              with or without the task table.
            - **Bavarian holidays fixed** in the workload heatmap (thanks @bernd for
              the report).

            As always, feedback welcome in this thread.
        """,
        "replies": [
            (
                "chen",
                "The workload endpoint is exactly what we needed. Small thing: the docs "
                "say `from`/`to` but the API wants `start`/`end`.",
            ),
            ("sam", "Thanks @chen, the docs are fixed."),
            ("alice", "Gantt printing in A3 landscape looks lovely. Our PMO is very happy."),
            ("bernd", "Does the Teams app work with a German Teams client?"),
            (
                "priya",
                "@bernd it follows the language of the Teams client, German included.",
            ),
            (
                "nora_lund",
                'The Teams app is a hit here. "Create task from message" alone saves us '
                "a lot of copy and paste.",
            ),
        ],
    },
    # ---------------------------------------------------------------- Questions & Answers
    {
        "category": "questions",
        "author": "dana",
        "age": 15,
        "accepted": 1,
        "title": "How do I move a task with all its subtasks to another project?",
        "tags": ["tasks", "projects"],
        "body": """
            We started with one big project and now want to split it up. When I drag
            a task into another project in the sidebar, only the task moves and its
            subtasks stay behind. Is there a way to move the whole branch?
        """,
        "replies": [
            (
                "sam",
                "Hi @dana, right-click the task and choose **Move to project…** instead "
                "of dragging. That moves the task with all subtasks, attachments and "
                "comments. Dependencies to tasks that stay behind are removed — "
                "you'll see a warning listing them before you confirm.",
            ),
            ("dana", "That worked, thank you! The warning was a bit scary but correct."),
            (
                "alice",
                "Tip: if you need to keep dependencies across projects, put both projects "
                "into a portfolio first. Then they survive the move.",
            ),
        ],
    },
    {
        "category": "questions",
        "author": "alice",
        "age": 70,
        "accepted": 1,
        "title": "Can guests see time tracking entries?",
        "tags": ["guests", "time-tracking", "permissions"],
        "body": """
            We invite our clients as guests to their projects. Can they see the hours
            we book on tasks? Some of our rates are in the task descriptions as well,
            so I'd like to be sure before we invite more people.
        """,
        "replies": [
            (
                "sam",
                "Guests never see time entries or cost fields, whatever the project "
                "settings. They see task titles, descriptions, comments and files. "
                "So yes: descriptions are visible — move rates into a custom field "
                "marked *internal*, which guests can't see either.",
            ),
            (
                "alice",
                "Perfect, thanks. We'll move the rates into an internal custom field.",
            ),
            (
                "priya",
                "For completeness: the *Reporter* guest role (Business plan) can see "
                "aggregated hours per project, but still no single entries or costs.",
            ),
        ],
    },
    {
        "category": "questions",
        "author": "chen",
        "age": 63,
        "accepted": 1,
        "title": "CSV export: dates show up as numbers like 45123 in Excel",
        "tags": ["export", "csv", "excel"],
        "body": """
            When I open the task export in Excel, the due dates look like this:

            ```
            Task;Assignee;Due
            Kick-off;chen;45123
            Site survey;alice;45130
            ```

            In a text editor the file has proper dates. What am I doing wrong?
        """,
        "replies": [
            (
                "sam",
                """
                Nothing — Excel guesses the format when it opens a CSV by double-click.
                Two options:

                1. In Planwerk, *Export → Format → Dates: ISO 8601* (`2024-06-12`), which
                   Excel always recognises; or
                2. In Excel, use *Data → From Text/CSV* and set the column to *Date*.

                Or export as `.xlsx` directly, which keeps the types.
                """,
            ),
            ("chen", "ISO 8601 did it. Didn't even know that setting existed."),
        ],
    },
    {
        "category": "questions",
        "author": "alice",
        "age": 52,
        "accepted": 4,
        "title": 'SSO with Azure AD: login fails with "NameID missing"',
        "tags": ["sso", "saml", "azure-ad"],
        "body": """
            We're switching on SAML SSO with Azure AD (Entra ID). The redirect works,
            but after signing in at Microsoft, Planwerk says:

            > Login failed: NameID missing in SAML response.

            Our IT set up the enterprise app following the Planwerk guide. Any idea?
        """,
        "replies": [
            (
                "sam",
                "Could you capture the SAML response with a browser extension like "
                "*SAML-tracer* and post the `<Subject>` part (without the signature)?",
            ),
            (
                "alice",
                """
                Here it is:

                ```xml
                <saml:Subject>
                  <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"/>
                </saml:Subject>
                ```
                """,
            ),
            (
                "moritz",
                "The NameID element is missing completely, so it's the Azure side. "
                "We had the same last year.",
            ),
            (
                "sam",
                "Right. In Azure: *Single sign-on → Attributes & Claims → Unique User "
                "Identifier*, set the name identifier format to **Email address** and "
                "the source attribute to `user.mail`. Save, wait a minute, try again.",
            ),
            (
                "alice",
                "That was it — logins work. Thanks @sam and @moritz!",
                4,
                "set the name identifier format to **Email address**",
            ),
            (
                "tomasz",
                "Same fix for Okta, by the way: *Name ID format → EmailAddress*.",
            ),
        ],
    },
    {
        "category": "questions",
        "author": "dana",
        "age": 12,
        "accepted": 1,
        "title": "Recurring task that skips weekends?",
        "tags": ["tasks", "recurrence"],
        "body": """
            I want a daily check-in task for our site team, Monday to Friday only.
            "Repeat daily" also creates tasks on Saturday and Sunday. Am I missing
            something?
        """,
        "replies": [
            (
                "alice",
                "Choose **Repeat → Custom → Every weekday**. It uses your workspace's "
                "working days, so if you've set public holidays it skips those too.",
            ),
            ("dana", "Found it, thanks @alice! Much better than deleting weekend tasks."),
        ],
    },
    {
        "category": "questions",
        "author": "chen",
        "age": 40,
        "accepted": 1,
        "title": "Keyboard shortcut to indent tasks in the timeline?",
        "tags": ["timeline", "keyboard"],
        "body": "Is there a shortcut to make a task a subtask of the one above? "
        "Dragging is slow with 200 tasks.",
        "replies": [
            (
                "sam",
                "`Tab` indents, `Shift+Tab` outdents, `Alt+↑`/`Alt+↓` move the task. "
                "Press `?` anywhere for the full list.",
            ),
            ("chen", "`?` — of course. Thanks!"),
        ],
    },
    {
        "category": "questions",
        "author": "bernd",
        "age": 66,
        "accepted": 1,
        "title": "Workload view counts part-time colleagues as full-time",
        "tags": ["workload", "capacity"],
        "body": """
            Two of our engineers work 30 hours a week, but the workload view shows
            them at 40 hours capacity, so they never look overbooked. Where do I set
            their hours?
        """,
        "replies": [
            (
                "sam",
                "Open *Team → Members*, pick the person and set **Weekly capacity** "
                "(30 h). If they work fewer days, untick the days under *Working days* "
                "instead, so the hours per day stay right.",
            ),
            (
                "moritz",
                "Also worth knowing: absences from the leave planner are subtracted "
                "automatically, so don't lower the capacity for holidays.",
            ),
            ("bernd", "Works, thank you both. Now they finally look as busy as they are. 😅"),
        ],
    },
    {
        "category": "questions",
        "author": "dana",
        "age": 9,
        "accepted": 1,
        "title": "Can I restore a deleted project?",
        "tags": ["projects", "trash"],
        "body": """
            I deleted a project by mistake (I thought I was archiving it). Is it gone?
        """,
        "replies": [
            (
                "sam",
                "Don't worry @dana — deleted projects stay in *Admin → Trash* for 30 days, "
                "with all tasks and files. Only workspace admins see the trash, so ask "
                "yours if you don't. After 30 days support can still restore from "
                "backups for up to 90 days.",
            ),
            ("dana", "Restored! My heart rate is back to normal. Thank you."),
        ],
    },
    {
        "category": "questions",
        "author": "chen",
        "age": 17,
        "locked": True,
        "title": "Export Gantt to PDF?",
        "tags": ["gantt", "export"],
        "body": "Is there any way to get the Gantt chart as a PDF for a client meeting?",
        "replies": [
            (
                "moritz",
                "Hi @chen, Gantt printing shipped with 4.12 two days ago — see the "
                "release announcement in Announcements: *Timeline → ⋯ → Print / PDF*. "
                "Closing this one as answered there.",
            ),
        ],
    },
    {
        "category": "questions",
        "author": "dana",
        "age": 6,
        "accepted": 1,
        "title": "What's the difference between owner and assignee?",
        "tags": ["tasks", "permissions"],
        "body": "Every task has an owner and an assignee. Which one should I use for what?",
        "replies": [
            (
                "carla",
                "The **assignee** does the work: the task shows up in their *My tasks* "
                "and in the workload. The **owner** is accountable: they get notified "
                "when it's done or late, and they can change the due date even without "
                "edit rights on the project. Often it's the same person; for client "
                "deliverables we recommend the project lead as owner.",
            ),
            ("dana", "That makes sense, thanks @carla."),
        ],
    },
    {
        "category": "questions",
        "author": "alice",
        "age": 74,
        "accepted": 1,
        "title": "Baselines: how do I list only the milestones that slipped?",
        "tags": ["baselines", "milestones", "reporting"],
        "body": """
            Our steering committee wants one slide: milestones that moved since the
            baseline, with how many days. The timeline shows everything. Is there a
            filter for this?
        """,
        "replies": [
            (
                "priya",
                "Use the list view with a saved filter: **Type is Milestone** and "
                "**Variance > 0 days**, compared against your baseline. Add the "
                "*Baseline end* and *Variance* columns and export to PDF or Excel. "
                "Save it as a view and it's one click next month.",
            ),
            (
                "alice",
                "Exactly what I needed. The committee will love (hate) the variance column.",
            ),
        ],
    },
    {
        "category": "questions",
        "author": "bernd",
        "age": 58,
        "accepted": 1,
        "title": "Time tracking: lock past weeks so nobody edits them",
        "tags": ["time-tracking", "admin"],
        "body": """
            Our accounting exports hours every Monday. Sometimes people change last
            week's hours afterwards and the numbers no longer match. Can I lock
            finished weeks?
        """,
        "replies": [
            (
                "sam",
                "Yes: *Admin → Time tracking → Lock periods*. You can lock up to a date "
                "or automatically (e.g. every Monday 10:00 the previous week). Admins "
                "can still correct entries; every change is logged.",
            ),
            (
                "bernd",
                "Automatic lock on Monday is perfect. Is there also an approval step "
                "before the lock?",
            ),
            (
                "sam",
                "Not yet. Worth an idea thread, @bernd — the product team reads those.",
            ),
        ],
    },
    {
        "category": "questions",
        "author": "alice",
        "age": 27,
        "accepted": 1,
        "title": "Custom field formula for remaining budget",
        "tags": ["custom-fields", "budget", "formulas"],
        "body": """
            Each project has a *Budget* number field. I'd like a formula field that
            shows the remaining budget after booked hours (hours × rate). Is that
            possible with formula fields?
        """,
        "replies": [
            (
                "sam",
                """
                Yes, formula fields can aggregate time entries:

                ```
                {Budget} - SUM({Time entries.Hours} * {Time entries.Rate})
                ```

                Set the result type to *Currency*. It recalculates when hours are
                booked. If rates differ per person, make sure *Rate* is set on each
                member, otherwise the workspace default is used.
                """,
            ),
            ("alice", "Works beautifully. I added conditional colouring below 10 %."),
            (
                "chen",
                "Nice! Can the formula field be read through the API as well?",
            ),
            ("sam", "@chen yes, it's in `custom_fields` like any other field, read-only."),
        ],
    },
    {
        "category": "questions",
        "author": "chen",
        "age": 84,
        "accepted": 1,
        "title": "Importing from MS Project: what survives?",
        "tags": ["import", "ms-project"],
        "body": """
            We're moving about 30 plans from MS Project. Which parts survive the
            import — dependencies, resources, baselines, custom fields?
        """,
        "replies": [
            (
                "sam",
                """
                Export from MS Project as **XML** (not `.mpp`) and import that. Survives:

                - tasks, summary tasks, milestones, durations and dates;
                - all four dependency types with lags;
                - resources (matched to members by e-mail, others become placeholders);
                - baseline 0 becomes a Planwerk baseline.

                Custom fields come over as text fields; formulas don't.
                """,
            ),
            (
                "alice",
                "We did 40 plans last year. Tip: clean up the resource names in MS Project "
                "first, it saves a lot of placeholder merging later.",
            ),
            ("chen", "Thanks both, XML it is."),
        ],
    },
    # ---------------------------------------------------------------- Ideas
    {
        "category": "ideas",
        "author": "chen",
        "age": 85,
        "span": 45,
        "title": "Dark mode for the web app",
        "tags": ["ui", "dark-mode"],
        "body": """
            Most of our developers work in dark mode everywhere, and Planwerk is the
            one bright white window left. Please add a dark theme (ideally following
            the OS setting).
        """,
        "replies": [
            (
                "priya",
                "It's on our radar. The hard part is the timeline: dependency arrows, "
                "baselines and the heatmap all need new colours that stay readable. "
                "We'll share mock-ups here first.",
            ),
            (
                "alice",
                "Please keep a high-contrast option as well. Two colleagues of ours need it.",
            ),
            (
                "raj.patel",
                "And please keep PDF exports light — nobody wants a black Gantt printout. 😄",
            ),
            (
                "priya",
                "Mock-ups are in the Customer Lounge beta thread — feedback very welcome.",
            ),
        ],
    },
    {
        "category": "ideas",
        "author": "alice",
        "age": 78,
        "span": 36,
        "title": "Dependencies across projects in the timeline",
        "tags": ["gantt", "dependencies", "portfolio"],
        "body": """
            Our engineering and construction projects depend on each other: the
            permit in project A blocks the site start in project B. Today we fake
            this with a milestone in both projects and a reminder. Please let us link
            tasks across projects, and show the link in both timelines.
        """,
        "replies": [
            (
                "priya",
                "Thanks Alice, this is the most requested idea in the portfolio area. "
                "It's planned for the next quarter and we're looking for beta testers — "
                "I'll open a sign-up thread in the lounge.",
            ),
            ("alice", "Count us in. We have a perfect test case with 12 linked projects."),
            (
                "jwalker",
                "We'd need the links in the portfolio timeline too, not only inside each "
                "project's timeline.",
            ),
            (
                "priya",
                "Beta is open now (see the lounge). Cross-project links show as dashed "
                "arrows; moving a predecessor asks before shifting the other project.",
            ),
        ],
    },
    {
        "category": "ideas",
        "author": "bernd",
        "age": 56,
        "title": "Approval workflow for timesheets",
        "tags": ["time-tracking", "approvals"],
        "body": """
            Before our hours go to accounting, a project lead should approve them.
            Suggestion:

            1. Members submit their week.
            2. The project lead approves or sends it back with a comment.
            3. Approved weeks are locked and marked in the export.
        """,
        "replies": [
            (
                "sam",
                "Thanks for opening this @bernd. Today the lock periods cover step 3; "
                "steps 1 and 2 don't exist yet.",
            ),
            (
                "priya",
                "We've talked to a few customers about this. One question: should "
                "approval be per project (project lead) or per person (line manager)?",
            ),
            (
                "bernd",
                "Per project for us. But I can imagine agencies want per person.",
            ),
            (
                "lena.hoffmann",
                "Please think about deputies: when the project lead is on holiday, "
                "someone else has to be able to approve.",
            ),
            (
                "alice",
                "Per project too. We bill per project, so that's who should approve.",
                2,
                "should approval be per project (project lead) or per person (line manager)?",
            ),
        ],
    },
    {
        "category": "ideas",
        "author": "alice",
        "age": 48,
        "title": "Let guests comment on single tasks without seeing the whole project",
        "tags": ["guests", "permissions"],
        "body": """
            Sometimes we want a subcontractor's input on one task only. Today inviting
            them as a guest shows them the whole project. A "share this task" link
            with comments would be perfect.
        """,
        "replies": [
            (
                "priya",
                "Interesting — would the guest need to sign in, or is a link with a code "
                "enough for you?",
            ),
            ("alice", "Signing in is fine, we need to know who commented."),
            (
                "fatima.r",
                "For event agencies this would be huge: caterers and venues only need "
                "their own tasks.",
            ),
        ],
    },
    {
        "category": "ideas",
        "author": "chen",
        "age": 37,
        "title": "Bulk edit custom fields in the list view",
        "tags": ["custom-fields", "list-view"],
        "body": """
            Selecting 50 tasks lets me change assignee and dates, but not custom
            fields. We re-categorise tasks every quarter and it's 50 clicks × 3.
        """,
        "replies": [
            (
                "sam",
                "Workaround until then: export, edit in Excel, re-import with "
                "*Update existing tasks* ticked. Matches by task ID.",
            ),
            ("chen", "Works, but it's a lot of steps for a simple change."),
            (
                "priya",
                "Agreed. This is small enough that we're picking it up for 4.13.",
            ),
        ],
    },
    {
        "category": "ideas",
        "author": "bernd",
        "age": 72,
        "title": "Public holidays per team member location",
        "tags": ["holidays", "workload"],
        "body": """
            We have offices in Munich and Hamburg. Public holidays differ by federal
            state (Bundesland), but Planwerk only has one holiday calendar per
            workspace. Please let us set the calendar per member or per office.
        """,
        "replies": [
            (
                "moritz",
                "Same for Switzerland (cantons) and Austria. A calendar per member would "
                "cover all cases.",
            ),
            (
                "priya",
                "We're designing this together with the heatmap fix. Plan: a holiday "
                "calendar per *location*, members belong to a location.",
            ),
            ("bernd", "Locations would be perfect, that's how we think about it anyway."),
            (
                "olli_brandt",
                "Hamburg office here — we're the other half of Bernd's problem. 🙂 "
                "Locations would work for us too.",
            ),
        ],
    },
    {
        "category": "ideas",
        "author": "chen",
        "age": 29,
        "title": "Slack: daily digest of tasks due today",
        "tags": ["slack", "notifications"],
        "body": """
            The Slack app posts every change, which is too noisy for our channel. A
            daily message at 09:00 with the tasks due today (per channel's project)
            would be much more useful.
        """,
        "replies": [
            (
                "alice",
                "Same for Teams, please. And skip weekends.",
            ),
            (
                "priya",
                "Good idea. Would you want overdue tasks in the digest too, or only today's?",
            ),
            ("chen", "Overdue too, in a separate section."),
            (
                "sarah.kim",
                "And in each person's time zone, please — half our team is in Singapore.",
            ),
        ],
    },
    {
        "category": "ideas",
        "author": "alice",
        "age": 22,
        "title": "Export baseline comparison to Excel",
        "tags": ["baselines", "export", "reporting"],
        "body": """
            The baseline view is great on screen, but our controllers want it in
            Excel: task, baseline start/end, current start/end, variance.
        """,
        "replies": [
            (
                "sam",
                "The list view export includes the baseline columns if they're visible "
                "— maybe that already covers it?",
            ),
            (
                "alice",
                "It does for tasks, but not for the project summary row, and the "
                "controllers want the totals.",
            ),
        ],
    },
    {
        "category": "ideas",
        "author": "moritz",
        "age": 61,
        "title": "Highlight the critical path in the timeline",
        "tags": ["gantt", "critical-path"],
        "body": """
            MS Project and most planning tools can highlight the critical path. In
            Planwerk I have to follow the arrows by hand. A toggle that colours the
            critical tasks red would help a lot in bigger plans.
        """,
        "replies": [
            (
                "alice",
                "Yes! Plus total float per task as a column, please.",
            ),
            (
                "priya",
                "We have a prototype. Question for you all: should tasks with a fixed "
                "date constraint break the path or not?",
            ),
            ("dave_h", "And please show it in the PDF print as well."),
            (
                "moritz",
                "Like MS Project: constraints count, otherwise the path lies to you.",
                2,
                "should tasks with a fixed date constraint break the path or not?",
            ),
        ],
    },
    {
        "category": "ideas",
        "author": "dana",
        "age": 8,
        "title": "Project templates with relative dates",
        "tags": ["templates", "projects"],
        "body": """
            We create the same kind of project for every client (kick-off, survey,
            draft, review). With templates all the dates are from when the template
            was made. Could tasks be "3 days after project start" instead?
        """,
        "replies": [
            (
                "alice",
                "They can, actually: when you create a project from a template, tick "
                '*Shift dates to start on…*. But an explicit "relative" mode would be '
                "clearer, +1.",
            ),
            ("dana", "Oh! That helps already. Still +1 for making it obvious."),
        ],
    },
    # ---------------------------------------------------------------- Bug Reports
    {
        "category": "bugs",
        "author": "alice",
        "age": 75,
        "title": "Gantt: dragging a milestone also moves its predecessor",
        "tags": ["gantt", "milestones"],
        "body": """
            **Steps:** project with task A → milestone M (finish-to-start). Drag M
            two days to the right.

            **Expected:** M moves, A stays.
            **Actual:** A moves two days as well.

            Planwerk 4.11.0, Chrome 125, EU region.
        """,
        "replies": [
            (
                "sam",
                "Reproduced, thanks for the precise steps. It only happens when A is "
                "the only predecessor and has *Auto-schedule* on. Ticket PW-4471.",
            ),
            ("sam", "Fixed in 4.11.3, which rolled out this morning."),
            ("alice", "Confirmed, fixed. Thanks!"),
        ],
    },
    {
        "category": "bugs",
        "author": "chen",
        "age": 57,
        "title": "Notification e-mails arrive twice",
        "tags": ["notifications", "email"],
        "body": """
            Since yesterday every notification e-mail arrives twice, a few seconds
            apart. Same message ID. Anyone else?
        """,
        "replies": [
            (
                "sam",
                "Yes, a retry in our mail pipeline re-sent messages that had already "
                "been accepted. It's fixed since 14:20 CET; no more duplicates after that.",
            ),
            ("chen", "Confirmed, single e-mails again."),
        ],
    },
    {
        "category": "bugs",
        "author": "bernd",
        "age": 21,
        "title": "Printed timeline cuts off the last column",
        "tags": ["gantt", "printing"],
        "body": """
            Printing the timeline in A4 landscape cuts off the rightmost week. On A3
            it's fine. Firefox 127, Planwerk 4.12.0.
        """,
        "replies": [
            (
                "sam",
                "Thanks @bernd. Looks like we compute the width before the task table "
                "column is resized. Workaround: narrow the task table before printing.",
            ),
            ("bernd", "Workaround works. Looking forward to the fix."),
            ("sam", "Fix is in 4.12.1, due next week."),
        ],
    },
    {
        "category": "bugs",
        "author": "chen",
        "age": 25,
        "title": "Android app logs me out after every update",
        "tags": ["mobile", "android"],
        "body": """
            Every time the Android app updates I'm logged out and have to go through
            SSO again. Pixel 7, Android 14, app 4.11.6.
        """,
        "replies": [
            ("sam", "Thanks — do you use a work profile on that phone?"),
            ("chen", "Yes, Planwerk lives in the work profile."),
            (
                "sam",
                "That's the missing piece: the app's token store is reset by the work "
                "profile on update. We can reproduce it now; a fix is planned for 4.12.1.",
            ),
        ],
    },
    {
        "category": "bugs",
        "author": "moritz",
        "age": 79,
        "title": "Search doesn't find tasks with umlauts",
        "tags": ["search"],
        "body": """
            Searching for `Prüfung` finds nothing, `Pr` finds the task
            "Prüfung Statik". Searching `Pruefung` doesn't work either.
        """,
        "replies": [
            (
                "sam",
                "Confirmed — the search index normalised umlauts differently from the "
                "query. Fixed in 4.11.1; existing tasks are re-indexed over the weekend.",
            ),
            ("moritz", "Works now, also `Pruefung` finds `Prüfung`. Danke!"),
        ],
    },
    {
        "category": "bugs",
        "author": "bernd",
        "age": 71,
        "span": 54,
        "title": "Workload heatmap ignores Bavarian public holidays",
        "tags": ["workload", "holidays"],
        "body": """
            As mentioned in the 4.11 announcement: the workload heatmap shows
            everyone available on 15 August (Assumption Day, a holiday in most of
            Bavaria). Workspace holiday calendar: *Germany — Bavaria*.
        """,
        "replies": [
            (
                "sam",
                "Thanks. The heatmap reads the national calendar instead of the regional "
                "one. The timeline is correct, only the heatmap is affected.",
            ),
            ("moritz", "Same with Fronleichnam in Baden-Württemberg, by the way."),
            ("sam", "Fixed in 4.12 for all regional calendars."),
        ],
    },
    # ---------------------------------------------------------------- API & Integrations
    {
        "category": "api-integrations",
        "author": "chen",
        "age": 76,
        "title": "How do I verify the X-Planwerk-Signature header in Python?",
        "tags": ["webhooks", "python", "security"],
        "body": """
            My webhook endpoint rejects every call because the signature never
            matches. What I do:

            ```python
            expected = hmac.new(secret, json.dumps(request.json).encode(), "sha256")
            ok = expected.hexdigest() == request.headers["X-Planwerk-Signature"]
            ```
        """,
        "replies": [
            (
                "sam",
                """
                Two things: sign the **raw request body** (re-serialising JSON changes
                whitespace and key order), and compare in constant time. The header is
                `sha256=<hex>`:

                ```python
                import hashlib
                import hmac

                def is_valid(secret: bytes, body: bytes, header: str) -> bool:
                    expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
                    return hmac.compare_digest(expected, header)
                ```

                In Flask that's `request.get_data()`, in Django `request.body`.
                """,
            ),
            (
                "chen",
                "Raw body was it. Thanks @sam!",
                1,
                "sign the **raw request body** (re-serialising JSON changes whitespace "
                "and key order)",
            ),
            (
                "raj.patel",
                "Also: if a proxy in front of your app decompresses or re-encodes the "
                "body, the signature breaks too. Verify before any middleware touches it.",
            ),
            (
                "alice",
                "Worth adding: reject timestamps older than 5 minutes "
                "(`X-Planwerk-Timestamp`) to stop replays.",
            ),
        ],
    },
    {
        "category": "api-integrations",
        "author": "alice",
        "age": 67,
        "title": "429 Too Many Requests when syncing 5,000 tasks",
        "tags": ["api", "rate-limits"],
        "body": """
            Our nightly sync from the ERP updates about 5,000 tasks and hits `429`
            after a few hundred requests. Is there a bulk endpoint, or should we just
            slow down?
        """,
        "replies": [
            (
                "sam",
                "Slow down for now (the limit is 300 requests/minute per token) and only "
                "send tasks that changed — `updated_since` on `GET /v2/tasks` helps. A "
                "batch endpoint is coming; I'll post in Announcements.",
            ),
            (
                "chen",
                """
                We diff before sending:

                ```python
                changed = [t for t in erp_tasks if t.checksum != known.get(t.id)]
                ```

                Our 4,000-task sync went from 14 minutes to under one.
                """,
            ),
            ("alice", "Diffing brought us down to ~200 updates a night. Problem gone."),
        ],
    },
    {
        "category": "api-integrations",
        "author": "chen",
        "age": 50,
        "title": "Jira import: epics become projects instead of tasks",
        "tags": ["jira", "import"],
        "body": """
            Importing a Jira project turns each epic into its own Planwerk project.
            I expected epics to become summary tasks in one project. Is there an
            option?
        """,
        "replies": [
            (
                "sam",
                "Yes, in step 2 of the importer: *Map epics to → Summary tasks*. The "
                "default is *Projects* because most teams use epics for big streams.",
            ),
            ("chen", "Missed that dropdown completely. Re-imported, looks right now."),
        ],
    },
    {
        "category": "api-integrations",
        "author": "bernd",
        "age": 43,
        "title": "Outlook calendar sync creates duplicate events",
        "tags": ["outlook", "calendar"],
        "body": """
            After connecting Outlook, every milestone appears twice in my calendar.
            One of them can't be deleted.
        """,
        "replies": [
            (
                "sam",
                "Do you also subscribe to the project's iCal feed? The sync and the feed "
                "both create events. Remove the iCal subscription in Outlook and the "
                "duplicates go away.",
            ),
            ("bernd", "That was it — an old iCal subscription from last year. Thanks!"),
        ],
    },
    {
        "category": "api-integrations",
        "author": "dana",
        "age": 14,
        "title": "Zapier: create a task from a Typeform submission",
        "tags": ["zapier", "automation"],
        "body": """
            We use Typeform for client requests. Can Zapier create a Planwerk task for
            each submission, with the answers in the description?
        """,
        "replies": [
            (
                "alice",
                "Yes: trigger *Typeform → New entry*, action *Planwerk → Create task*. "
                "In the description field, insert the answers; Markdown works, so you "
                "can make them a list. Set the project by ID to avoid the dropdown "
                "timing out on big workspaces.",
            ),
            ("dana", "Set it up in 10 minutes. Thanks @alice!"),
        ],
    },
    {
        "category": "api-integrations",
        "author": "chen",
        "age": 31,
        "title": "Any plans for a GraphQL API?",
        "tags": ["api", "graphql"],
        "body": """
            For our dashboard we need tasks + assignees + time entries in one go,
            which is three REST calls per project. GraphQL would make this one.
        """,
        "replies": [
            (
                "priya",
                "Not planned, honestly. We'd rather make REST better: `include=` lets "
                "you embed related objects, e.g. `GET /v2/tasks?include=assignee,"
                "time_entries`. Would that cover your dashboard?",
            ),
            ("chen", "Didn't know about `include`. That covers 90 % of it."),
        ],
    },
    {
        "category": "api-integrations",
        "author": "alice",
        "age": 38,
        "title": "Sharing: our Power BI connector script",
        "tags": ["power-bi", "reporting", "api"],
        "body": """
            Several people asked, so here's the Power Query we use to pull tasks into
            Power BI (token in a parameter, never in the query):

            ```
            let
                Source = Json.Document(Web.Contents("https://api.planwerk.example/v2/tasks",
                    [Headers=[Authorization="Bearer " & PlanwerkToken],
                     Query=[project=ProjectId, include="assignee"]])),
                Tasks = Table.FromRecords(Source[data])
            in
                Tasks
            ```

            Pagination is left as an exercise. 😄
        """,
        "replies": [
            ("chen", "Thanks for sharing! Pagination is just following `next` until it's null."),
            (
                "sam",
                "Lovely. We'll link this from the help centre, if that's OK with you @alice.",
            ),
            ("alice", "Of course, go ahead."),
        ],
    },
    {
        "category": "api-integrations",
        "author": "chen",
        "age": 11,
        "title": "Pagination cursor expires after a few minutes?",
        "tags": ["api", "pagination"],
        "body": """
            When my export script processes a page slowly, the next request with the
            cursor fails with `400 cursor_expired`. How long are cursors valid?
        """,
        "replies": [
            (
                "sam",
                """
                15 minutes. For slow processing, fetch first and process after:

                ```bash
                curl -s -H "Authorization: Bearer $TOKEN" \\
                  "https://api.planwerk.example/v2/tasks?limit=200&cursor=$CURSOR"
                ```

                Or use `updated_since` with the last `updated_at` you saw instead of a
                cursor, which never expires.
                """,
            ),
            ("chen", "Switched to `updated_since`, much more robust. Thanks."),
        ],
    },
    # ---------------------------------------------------------------- Deutschsprachige Community
    {
        "category": "deutschsprachige-community",
        "author": "moritz",
        "age": 88,
        "pinned": True,
        "filler_pool": "german_social",
        "title": "Willkommen in der deutschsprachigen Community!",
        "tags": ["willkommen"],
        "body": """
            Hallo zusammen,

            hier ist Platz für alle Fragen und Tipps rund um Planwerk auf Deutsch.
            Ich bin Moritz, moderiere hier und nutze Planwerk selbst seit drei Jahren
            im Ingenieurbüro.

            Ein paar Hinweise:

            - Bitte erst die Suche nutzen, viele Fragen sind schon beantwortet.
            - Keine Kundendaten, Rechnungen oder API-Tokens posten.
            - Vertragliches (AVV, Rechnungen) bitte direkt an den Support.

            Viel Spaß!
        """,
        "replies": [
            ("bernd", "Danke Moritz, super dass es das gibt!"),
            (
                "carla",
                "Danke @moritz fürs Betreuen! Wir vom Team lesen hier natürlich mit.",
            ),
        ],
    },
    {
        "category": "deutschsprachige-community",
        "author": "bernd",
        "age": 73,
        "deleted": 3,
        "title": "DATEV-Export der Stunden für die Lohnabrechnung",
        "tags": ["datev", "zeiterfassung", "export"],
        "body": """
            Hallo,

            unser Steuerbüro möchte die Stunden im DATEV-Format (ASCII, Lohn und
            Gehalt). Gibt es dafür einen Export, oder muss ich das aus der CSV bauen?
        """,
        "replies": [
            (
                "sam",
                "Hallo @bernd, ja: *Berichte → Zeiterfassung → Export → DATEV Lohn*. "
                "Vorher unter *Admin → Integrationen → DATEV* die Berater- und "
                "Mandantennummer eintragen und jeder Person ihre Personalnummer geben.",
            ),
            (
                "bernd",
                "Danke! Wo genau trage ich die Personalnummer ein?",
            ),
            (
                "bernd",
                "Danke! Wo genau trage ich die Personalnummer ein?",
            ),
            (
                "sam",
                "Unter *Team → Mitglieder → Person → Abrechnung*. Das Feld heißt "
                "„Personalnummer (DATEV)“.",
            ),
            (
                "bernd",
                "Hat geklappt, das Steuerbüro ist zufrieden. Danke!",
            ),
        ],
    },
    {
        "category": "deutschsprachige-community",
        "author": "bernd",
        "age": 82,
        "title": "AVV nach DSGVO – wo finde ich den Vertrag?",
        "tags": ["dsgvo", "datenschutz"],
        "body": """
            Unser Datenschutzbeauftragter fragt nach dem Auftragsverarbeitungsvertrag
            (AVV) und der Liste der Unterauftragsverarbeiter. Wo bekomme ich die her?
        """,
        "replies": [
            (
                "carla",
                "Hallo @bernd, beides liegt unter *Admin → Rechtliches*: den AVV kannst "
                "du dort direkt digital abschließen, die Unterauftragsverarbeiter sind "
                "als PDF verlinkt. Änderungen an der Liste kündigen wir 30 Tage vorher "
                "per E-Mail an.",
            ),
            ("bernd", "Perfekt, danke. Unser DSB ist glücklich."),
            (
                "moritz",
                "Tipp: Die TOMs (technisch-organisatorische Maßnahmen) liegen im selben "
                "Bereich, die wollen die meisten DSBs auch sehen.",
            ),
        ],
    },
    {
        "category": "deutschsprachige-community",
        "author": "bernd",
        "age": 69,
        "title": "Feiertage nach Bundesland in der Auslastung",
        "tags": ["feiertage", "auslastung"],
        "body": """
            Kurze Frage in die Runde: Wie handhabt ihr Feiertage, wenn die Kolleg*innen
            in verschiedenen Bundesländern sitzen? Planwerk kennt nur einen
            Feiertagskalender pro Workspace.
        """,
        "replies": [
            (
                "moritz",
                "Wir tragen die abweichenden Feiertage als Abwesenheit für die "
                "betroffenen Personen ein. Nicht schön, aber die Auslastung stimmt dann.",
            ),
            (
                "carla",
                "Es gibt dazu eine Idee im Ideas-Bereich (Kalender pro Standort), das "
                "Produktteam arbeitet daran. Gerne dort voten!",
            ),
            ("bernd", "Danke, hab gevotet. Bis dahin machen wir es wie Moritz."),
        ],
    },
    {
        "category": "deutschsprachige-community",
        "author": "moritz",
        "age": 41,
        "span": 14,
        "filler_pool": "german_social",
        "title": "Planwerk-Stammtisch München – wer hat Lust?",
        "tags": ["treffen", "muenchen"],
        "body": """
            Servus! Ein paar von uns treffen sich übernächsten Donnerstag ab 18:30 im
            Augustiner am Dom zum Austausch über Planwerk, Projektplanung und was sonst
            so anfällt. Wer kommt mit? Kurze Antwort hier reicht.
        """,
        "replies": [
            ("bernd", "Bin dabei, bringe einen Kollegen mit."),
            ("alice", "Ich bin zufällig in München in der Woche – count me in!"),
            ("k.schmidt", "Schade, da bin ich im Urlaub. Beim nächsten Mal gern!"),
            ("felix.wagner", "Bin dabei, komme aus Nürnberg rüber."),
            (
                "carla",
                "Wie schön! Die erste Runde geht aufs Planwerk-Team. 🍻",
            ),
            ("moritz", "Danke an alle fürs Kommen, war ein super Abend. Wiederholung im Herbst?"),
        ],
    },
    {
        "category": "deutschsprachige-community",
        "author": "moritz",
        "age": 77,
        "title": "Übersetzungsfehler: „Milestone“ statt „Meilenstein“ im Filter",
        "tags": ["uebersetzung"],
        "body": """
            In der deutschen Oberfläche steht im Filter der Listenansicht noch
            „Typ ist Milestone“. Überall sonst heißt es „Meilenstein“.
        """,
        "replies": [
            ("sam", "Danke @moritz, ist notiert und kommt mit 4.11.2."),
            ("moritz", "Mit 4.11.2 behoben, danke!"),
        ],
    },
    {
        "category": "deutschsprachige-community",
        "author": "bernd",
        "age": 35,
        "title": "Rechenzentrum Frankfurt: liegen wirklich alle Daten in der EU?",
        "tags": ["dsgvo", "hosting"],
        "body": """
            Unser Workspace ist in der Region EU. Gilt das auch für Backups,
            Dateianhänge und die Volltextsuche? Die Frage kam von unserem Kunden
            aus dem öffentlichen Bereich.
        """,
        "replies": [
            (
                "admin",
                "Ja: Datenbank, Dateien, Suchindex und Backups liegen in Frankfurt, "
                "die Backups zusätzlich verschlüsselt in Nürnberg. Nur der E-Mail-Versand "
                "läuft über einen EU-Dienstleister in Irland; das steht in der Liste der "
                "Unterauftragsverarbeiter.",
            ),
            ("bernd", "Danke für die klare Antwort, das gebe ich so weiter."),
            (
                "miriam.bauer",
                "Danke! Die Frage kommt bei uns auch ständig von öffentlichen Auftraggebern.",
            ),
        ],
    },
    {
        "category": "deutschsprachige-community",
        "author": "bernd",
        "age": 25,
        "filler_pool": "german_social",
        "title": "Tipp: Projektvorlage für Bauprojekte (HOAI-Leistungsphasen)",
        "tags": ["vorlagen", "bau"],
        "body": """
            Für alle aus dem Bau: Wir haben eine Vorlage mit den HOAI-Leistungsphasen
            1–9 als Sammelvorgänge gebaut:

            - LPH 1 Grundlagenermittlung
            - LPH 2 Vorplanung
            - LPH 3 Entwurfsplanung
            - …
            - LPH 9 Objektbetreuung

            Jede Phase hat einen Meilenstein „Freigabe Bauherr“. Wer sie möchte,
            kurz melden, ich teile sie über die Vorlagen-Galerie.
        """,
        "replies": [
            ("moritz", "Sehr gern! Genau sowas haben wir gesucht."),
            (
                "carla",
                "Danke @bernd! Wenn du magst, nehmen wir sie in die offizielle "
                "Vorlagen-Galerie auf.",
            ),
            ("bernd", "Gerne, schicke sie dir."),
            ("anke.vogel", "Gibt es die Vorlage auch nur mit LPH 1–4 für Planungsbüros?"),
            (
                "bernd",
                "Einfach LPH 5–9 löschen, die Meilensteine davor bleiben sauber verknüpft.",
            ),
        ],
    },
    {
        "category": "deutschsprachige-community",
        "author": "bernd",
        "age": 16,
        "title": "Gantt als PDF in A3 – Legende fehlt",
        "tags": ["gantt", "drucken"],
        "body": """
            Seit 4.12 kann man die Zeitleiste drucken, super. Aber die Legende
            (Farben der Phasen) fehlt im PDF. Übersehe ich eine Option?
        """,
        "replies": [
            (
                "sam",
                "Hallo Bernd, im Druckdialog unter *Weitere Optionen → Legende anzeigen*. "
                "Standardmäßig ist sie aus, damit mehr Platz für die Zeitleiste bleibt.",
            ),
            ("bernd", "Gefunden, danke!"),
        ],
    },
    # ---------------------------------------------------------------- Customer Lounge
    {
        "category": "customer-lounge",
        "author": "carla",
        "age": 87,
        "pinned": True,
        "span": 80,
        "fillers": 0,
        "title": "Introduce yourself! 👋",
        "tags": ["welcome"],
        "body": """
            Who are you, what do you plan with Planwerk, and what's one tip you'd give
            a new user? I'll start: I'm Carla, community manager at Planwerk. My tip:
            press `?` anywhere to see the keyboard shortcuts.
        """,
        "replies": [
            (
                "alice",
                "Alice, PMO lead at an engineering firm (~120 people). We run about 60 "
                "projects in Planwerk. Tip: save filtered views and share them instead "
                "of sending screenshots.",
            ),
            (
                "bernd",
                "Bernd, IT lead at a construction company near Stuttgart. Tip: set up "
                "the holiday calendar before you plan anything.",
            ),
            (
                "chen",
                "Chen, developer. I connect Planwerk to everything else we use. Tip: "
                "webhooks beat polling.",
            ),
            (
                "moritz",
                "Moritz, Ingenieurbüro in Augsburg, volunteer moderator here. Tip: "
                "baselines before every steering meeting.",
            ),
            (
                "jwalker",
                "James, PM at a construction contractor in Leeds, about 30 active sites. "
                "Tip: a milestone for every permit — permits are what gets forgotten.",
            ),
            (
                "sarah.kim",
                "Sarah, producer at a digital agency in London. We plan client campaigns "
                "in Planwerk. Tip: templates, templates, templates.",
            ),
            (
                "lena.hoffmann",
                "Lena, project controller in Munich, mostly here for the reporting. Tip: "
                "the *Variance* column plus a saved view for each steering committee.",
            ),
            (
                "raj.patel",
                "Raj, backend developer. I maintain our Planwerk ↔ ERP sync. Tip: read "
                "the webhook docs twice, especially the part about retries.",
            ),
            (
                "nora_lund",
                "Nora from Oslo, operations at an engineering consultancy. Tip: switch "
                "on the weekly digest and switch off everything else. 😄",
            ),
            (
                "ines.costa",
                "Inês, architect in Lisbon. We just moved the studio over from "
                "spreadsheets. Tip: don't import everything, start fresh with the "
                "active projects.",
            ),
            (
                "felix.wagner",
                "Felix, site manager for a general contractor in Nuremberg, mostly on "
                "the mobile app. Tip: photos in task comments work great on site.",
            ),
            (
                "dana",
                "Hi all, Dana here — we just started the trial at a 12-person "
                "architecture office. Lots of reading to do!",
            ),
            ("carla", "Welcome @dana! Shout if you get stuck, this crowd is very helpful."),
        ],
    },
    {
        "category": "customer-lounge",
        "author": "alice",
        "age": 60,
        "title": "Show & tell: our portfolio dashboard for construction projects",
        "tags": ["show-and-tell", "portfolio", "reporting"],
        "body": """
            Here's how our weekly portfolio review looks now:

            | Column | Source |
            |--------|--------|
            | Status (traffic light) | custom field, set by the project lead |
            | Next milestone | portfolio widget |
            | Slip vs. baseline | *Variance* of the next milestone |
            | Budget left | formula field (hours × rate) |

            The review went from 90 to 35 minutes because nobody has to prepare
            slides anymore.
        """,
        "replies": [
            ("chen", "Do you pull this into Power BI or is it all in Planwerk?"),
            ("alice", "All in Planwerk. Power BI only for the quarterly report."),
            (
                "moritz",
                "The traffic light as a custom field is clever. We used tags and it was a mess.",
            ),
        ],
    },
    {
        "category": "customer-lounge",
        "author": "priya",
        "age": 44,
        "title": "Beta: cross-project dependencies — sign up here",
        "tags": ["beta", "dependencies", "portfolio"],
        "body": """
            The beta for cross-project dependencies starts next week. What you get:

            - dashed arrows between tasks in different projects;
            - a warning before a change shifts another project;
            - the dependencies in the portfolio timeline.

            Reply here if you'd like to join; we'll enable it per workspace. Dark mode
            mock-ups are attached to the beta space too.
        """,
        "replies": [
            ("alice", "Yes please, workspace *anders-engineering*."),
            ("moritz", "Gerne auch für uns."),
            ("chen", "Count us in — I'm mostly curious about the API side."),
            (
                "priya",
                "All three enabled. @chen the API exposes them as dependencies with a "
                "`project_id` on both ends.",
            ),
        ],
    },
    {
        "category": "customer-lounge",
        "author": "carla",
        "age": 39,
        "title": 'Recording: "Workload planning without tears" webinar',
        "tags": ["webinar", "academy", "workload"],
        "body": """
            Thanks to everyone who joined! The recording (52 minutes) and slides are in
            the Academy under *Webinars*. Questions we didn't get to:

            > How do I plan someone who is 50 % on two projects?

            Give them two allocations of 50 % and let the heatmap show the rest.
            Details in the recording at 31:20.
        """,
        "replies": [
            ("bernd", "Great session, the part about capacity vs. absences was very useful."),
            ("dana", "Watched it this week as a newbie, made a lot of things click."),
            (
                "ines.costa",
                "Is there a transcript? It would help colleagues for whom English is a "
                "second language.",
            ),
            (
                "carla",
                "@ines.costa subtitles are on in the player, and a cleaned-up transcript "
                "follows next week.",
            ),
        ],
    },
    {
        "category": "customer-lounge",
        "author": "chen",
        "age": 53,
        "fillers": 1,
        "title": "How many projects do you run in parallel?",
        "tags": ["discussion"],
        "body": """
            Curious: how many active projects do you have in Planwerk, and how many
            people? We're 35 people with ~25 active projects and I wonder if that's
            a lot.
        """,
        "replies": [
            ("alice", "~60 active projects, 120 people, 14 project leads."),
            (
                "bernd",
                "Around 40 construction sites, but only 8 project leads plan in Planwerk;"
                " the site crews just use the mobile app.",
            ),
            ("moritz", "12 projects, 18 people. Small but busy. 😄"),
            (
                "sarah.kim",
                "Around 30 campaigns at any time with 45 people, but each one is small "
                "(two to six weeks).",
            ),
            ("raj.patel", "~80, but most are maintenance contracts that barely change."),
            (
                "fatima.r",
                "Events: 12–15 live projects, every one with a date that cannot move. 😅",
            ),
            ("luca.rossi", "Just 6 — infrastructure projects that run for years."),
            (
                "chen",
                "Thanks all! So we're pretty normal. The portfolio view it is, then.",
            ),
        ],
    },
    {
        "category": "customer-lounge",
        "author": "carla",
        "age": 13,
        "fillers": 2,
        "title": "Customer advisory board — nominations open",
        "tags": ["advisory-board"],
        "body": """
            We're forming the next customer advisory board: eight customers meet the
            product team four times a year (online, one in person in Munich) and see
            the roadmap before anyone else.

            Nominate yourself or someone else with a reply. Nominations close in two
            weeks.
        """,
        "replies": [
            ("bernd", "I'd like to nominate @alice — nobody knows baselines better."),
            ("alice", "Thank you Bernd! Happy to join. I'd nominate @moritz as well."),
            ("moritz", "Gerne, danke!"),
            (
                "sarah.kim",
                "I'd nominate myself — agencies seem a bit underrepresented so far.",
            ),
            ("carla", "Noted, thanks Sarah! Agencies are very welcome."),
        ],
    },
    # ---------------------------------------------------------------- Staff Room
    {
        "category": "staff-room",
        "author": "sam",
        "age": 24,
        "title": "Escalation: Android logout after update (work profiles)",
        "tags": ["escalation", "mobile"],
        "body": """
            Chen's report in Bug Reports is affecting at least 14 workspaces (support
            tickets this week). All on Android work profiles. Reproduced on a Pixel 7.

            Proposal: hotfix 4.11.7 instead of waiting for 4.12.1. @priya can we get
            mobile eng time this sprint?
        """,
        "replies": [
            (
                "priya",
                "Yes — two of the mobile team can start tomorrow. I'd still ship it as "
                "4.12.1 since 4.12 goes out on Thursday.",
            ),
            ("carla", "I'll post a known-issue note in the bug thread so people know."),
            ("sam", "Agreed on 4.12.1. I'll update the tickets."),
        ],
    },
    {
        "category": "staff-room",
        "author": "priya",
        "age": 26,
        "title": "4.12 release checklist",
        "tags": ["release"],
        "body": """
            Release Thursday 10:00 CET. Checklist:

            - [x] release notes (me)
            - [x] help centre: Teams app, Gantt printing (Sam)
            - [ ] announcement post (Carla, draft ready)
            - [ ] API docs for `/v2/workload` (Sam)
            - [ ] status page entry (Ada)
        """,
        "replies": [
            ("carla", "Announcement draft is in the shared doc, please review by Wednesday."),
            ("admin", "Status page entry scheduled."),
            ("sam", "Workload docs published. Note: parameters are `start`/`end`."),
        ],
    },
    {
        "category": "staff-room",
        "author": "moritz",
        "age": 47,
        "title": "Moderation note: spam wave from throwaway accounts",
        "tags": ["moderation", "spam"],
        "body": """
            Last night ~30 new accounts posted links to a "project management
            certification" site, all within an hour. I removed the posts and banned
            the accounts. Same pattern as in spring: disposable e-mail domains.
        """,
        "replies": [
            ("carla", "Thanks Moritz, quick work. Can we block those domains at signup?"),
            (
                "admin",
                "Added the domains to the signup block list and lowered the link limit "
                "for new members to one link per post.",
            ),
        ],
    },
    {
        "category": "staff-room",
        "author": "carla",
        "age": 5,
        "title": "Weekly community report",
        "tags": ["report"],
        "body": """
            Highlights of the week:

            | Metric | This week | Last week |
            |--------|-----------|-----------|
            | New threads | 23 | 19 |
            | Questions solved | 81 % | 76 % |
            | Median first response | 2 h 10 min | 3 h 05 min |

            Thanks @sam for the response times, and @moritz for keeping the German
            category so tidy.
        """,
        "replies": [
            ("sam", "The templates for common answers help a lot."),
            ("priya", 'Can we add "ideas with a product reply" to the report?'),
            ("carla", "Good one, next week's report will have it."),
        ],
    },
    {
        "category": "staff-room",
        "author": "priya",
        "age": 33,
        "title": "Ideas triage: top five by votes this quarter",
        "tags": ["ideas", "roadmap"],
        "body": """
            1. Cross-project dependencies — in beta
            2. Holiday calendars per location — design done
            3. Timesheet approvals — discovery
            4. Dark mode — mock-ups
            5. Bulk edit custom fields — picked for 4.13

            Each of these threads should get a status reply from us this week.
        """,
        "replies": [
            ("carla", "I'll take the replies on 2 and 3."),
            ("sam", "I'll reply on 5 with the workaround until 4.13."),
        ],
    },
    {
        "category": "staff-room",
        "author": "sam",
        "age": 71,
        "title": "Heatmap uses national instead of regional holidays",
        "tags": ["escalation", "workload"],
        "body": """
            Bernd's report is valid: `workload_heatmap` reads `country_calendar` and
            ignores `region_calendar`. Affects every workspace with a regional calendar
            (DE, AT, CH, US states). Timeline is fine.
        """,
        "replies": [
            ("priya", "Scheduling it for 4.12; too risky for a 4.11 patch."),
            ("carla", "I'll let the affected customers know in the thread."),
        ],
    },
]
