"""What the web editor says beside each field: its label, and the contract's meaning as its hint.

Written once in English, said in the site's first language (`say`, with the
Lithuanian catalog of skaidra_model). A hint is looked up as `Model.field`,
then as the field's name alone. A field of a kind a plugin adds may have
neither: it is labelled by its name and has no hint (tests/test_editor.py
keeps every field of the contract's kinds explained).
"""

from __future__ import annotations

from functools import cache

from skaidra_model.speech import language, say


@cache
def labels(lang: str) -> dict[str, str]:
    """Every label, said in `lang` (made once per language: a config asks for hundreds)."""
    return {
        # collections
        "collection.posts": say("News"), "collection.pages": say("Pages"), "collection.events": say("Events"),
        "collection.podcast": say("Podcast episodes"), "collection.projects": say("Projects"),
        "collection.organisations": say("Organisations"), "collection.funders": say("Funders"), "collection.venues": say("Venues"),
        "collection.site": say("Site settings"), "body": say("Text"), "category": say("Category"),
        # fields
        "accessibility": say("Accessibility"), "activities": say("Activities"), "activity": say("Activity"),
        "actual": say("Achieved"), "address": say("Address"), "alternate_audio": say("Other formats of the recording"),
        "amount": say("Amount"), "app_id": say("Application id"), "applepodcastsverify": say("Apple Podcasts verification"),
        "areas": say("Areas served"), "attendance": say("Attendance"), "audio": say("Recording"), "author": say("Author"),
        "award_date": say("Award date"), "backend": say("Where the site is kept"), "base_url": say("Sign-in address"),
        "branch": say("Branch"), "capacity": say("Places"), "categories": say("Categories"), "chapters": say("Chapters"),
        "code": say("Code"), "complete": say("Complete"), "copyright": say("Copyright"), "country": say("Country"),
        "currency": say("Currency"), "data_licence": say("Open data licence"), "deploy": say("Upload to"), "to": say("Where"),
        "endpoint": say("Storage address"), "region": say("Region"), "date": say("Date"),
        "decision": say("Decision"), "description": say("Description"), "directories": say("Podcast directories"),
        "documents": say("Documents"), "duration": say("Duration"), "editor": say("Web editor"), "email": say("E-mail"),
        "end": say("End"), "episode": say("Episode number"), "episode_type": say("Episode type"), "except": say("Dates left out"),
        "expected_results": say("Expected results"), "explicit": say("Explicit"), "feed_guid": say("Podcast GUID"),
        "feed_url": say("Feed address"), "file": say("File"), "funder": say("Funder"), "funding": say("Funding"),
        "geo": say("Coordinates"), "goals": say("Goals"), "grant_id_prefix": say("Grant identifier prefix"),
        "guid": say("Episode GUID"), "id": say("Identifier"), "identity_domain": say("Identity domain"),
        "image": say("Picture"), "image_alt": say("Picture description"), "img": say("Photo"),
        "indicators": say("Indicators"), "items": say("Items"), "keywords": say("Keywords"), "label": say("Label"), "lat": say("Latitude"), "lon": say("Longitude"),
        "lang": say("Language"), "languages": say("Languages"), "length": say("Size in bytes"), "license": say("Licence"),
        "links": say("Links"), "locality": say("Locality"), "location": say("Place"), "locked": say("Locked"),
        "logo": say("Logo"), "members": say("Members"), "modified": say("Updated"), "name": say("Name"),
        "number": say("Number"), "online": say("Online address"), "organisation": say("Organisation"),
        "owner": say("Owner"), "parent": say("Administered by"), "partners": say("Partners"), "payments": say("Payments"),
        "people": say("Counts people"), "period": say("Period"), "persons": say("People"), "podcast": say("Podcast"),
        "podroll": say("Recommended podcasts"), "postal_code": say("Postal code"), "programme": say("Programme"),
        "project": say("Project"), "projects": say("Projects"), "publicity_rules": say("Publicity rules"),
        "publicity_statement": say("Publicity statement"), "publisher": say("Publisher"), "reference": say("Agreement number"),
        "registration_code": say("Registration code"), "registration_url": say("Registration address"),
        "repeat": say("Repeats"), "repo": say("Repository"), "role": say("Role"), "rule": say("Rule"),
        "season": say("Season"), "short_name": say("Short name"), "slug": say("Address (slug)"),
        "social_image": say("Picture for sharing"), "source": say("Source"), "spdx": say("SPDX identifier"),
        "start": say("Start"), "status": say("Status"), "street": say("Street"), "summary": say("Summary"),
        "tagline": say("Tagline"), "tags": say("Tags"), "target": say("Planned"), "timezone": say("Time zone"),
        "title": say("Title"), "transcript": say("Transcript"), "translations": say("Translations"), "type": say("Type"),
        "uid": say("Calendar UID"), "unit": say("Unit"), "update_frequency": say("How often episodes come"),
        "url": say("Address"), "youtube": say("YouTube address"),
    }  # fmt: skip


@cache
def hints(lang: str) -> dict[str, str]:
    """Every hint, said in `lang`, by `Model.field` or by the field's name."""
    return {
        # collections
        "collection.posts": say("News articles. A translation shares the slug of its original and sets another language."),
        "collection.pages": say("Standalone pages: about, contact, the accessibility statement and others."),
        "collection.events": say("One entry per event; calendar apps subscribe to them."),
        "collection.podcast": say("One entry per episode, with its recording and transcript."),
        "collection.projects": say("One project per file: what was funded, by whom, how much, to do what, and what came of it."),
        "collection.organisations": say("The organisations that run projects."),
        "collection.funders": say("The funders that grant money to projects."),
        "collection.venues": say("Places events may name."),
        "collection.site": say("The site's own settings. Saving here drops the comments of site.yaml."),
        # common to every text
        "title": say("Required."),
        "date": say("YYYY-MM-DD, or YYYY-MM-DD HH:MM."),
        "summary": say("Plain text, shown in lists and feeds."),
        "tags": say("Words separated by commas."),
        "lang": say("The language of this text; empty for the site's first language."),
        "slug": say("The last part of the address; a translation uses the slug of its original."),
        "status": say("'draft' keeps it off the site."),
        "project": say("The project this is about."),
        "projects": say("Other projects this is about."),
        "image": say("A picture uploaded under media; describe it below."),
        "image_alt": say("What the picture shows, for people who cannot see it. Required with a picture."),
        "modified": say("When it was last changed in substance: YYYY-MM-DD."),
        "author": say("Who wrote it."),
        "body": say("The text, in Markdown."),
        "PageMeta.role": say("What the page is for: the footer links the page of each role in the reader's language."),
        "PostMeta.body": say("The article, in Markdown."),
        "PageMeta.body": say("The page, in Markdown."),
        "EventMeta.body": say("The description of the event, in Markdown."),
        "EpisodeMeta.body": say("The show notes, in Markdown."),
        # events
        "EventMeta.status": say("'cancelled' keeps it in calendars as cancelled; 'draft' leaves it out everywhere."),
        "EventMeta.start": say("YYYY-MM-DD for an all-day event, YYYY-MM-DD HH:MM for one with a time."),
        "EventMeta.end": say("The same kind as the start, not before it; for an all-day event the last day."),
        "timezone": say("An IANA name such as Europe/Vilnius; empty for the site's time zone."),
        "EventMeta.location": say("Where it takes place: one of the venues (see Venues; a new one shows here once the site is rebuilt), or another place written here."),
        "EpisodeMeta.location": say("Where it was recorded, or the place it is about."),
        "lat": say("Latitude."),
        "lon": say("Longitude."),
        "EventMeta.repeat": say("For a recurring event: the start and end are its first occurrence."),
        "Repeat.rule": say("An RFC 5545 rule such as FREQ=WEEKLY;BYDAY=TU;COUNT=10 (COUNT or UNTIL is required)."),
        "Repeat.except_": say("Dates (or dates and times) of the series that do not take place."),
        "online": say("The address of an online event; with a place too, the event is hybrid."),
        "EventMeta.activity": say("The project's activity this event belongs to (needs the project)."),
        "attendance": say("How many came (after the event)."),
        "capacity": say("How many places there are."),
        "registration_url": say("Where people register."),
        "uid": say("Set once by the site; do not change it."),
        "accessibility": say("Step-free access, toilets, hearing loops, parking: in each language of the site."),
        "geo": say("Latitude and longitude, such as 54.6872 and 25.2797."),
        "Location.name": say("The name of the place."),
        "address": say("Street and number."),
        "locality": say("Town or village."),
        "country": say("Two capital letters, such as LT."),
        # episodes
        "EpisodeMeta.date": say("When it is published: YYYY-MM-DD HH:MM."),
        "audio": say("The recording, uploaded under media (or the full address of a file elsewhere)."),
        "alternate_audio": say("The same recording in other formats, uploaded under media."),
        "duration": say("HH:MM:SS; read from the file when it is under media."),
        "length": say("Bytes; read from the file when it is under media."),
        "episode": say("A whole number from 1."),
        "season": say("A whole number from 1."),
        "episode_type": say("full, trailer or bonus."),
        "explicit": say("Whether it has content unsuitable for children."),
        "transcript": say("Required for accessibility: a .vtt, .srt, .txt or .html file under media."),
        "chapters": say("Where each part begins."),
        "Chapter.start": say("HH:MM:SS from the beginning."),
        "persons": say("Who speaks in it."),
        "Person.role": say("host, guest, or another role."),
        "img": say("Their photo, under media."),
        "youtube": say("The episode on YouTube."),
        "keywords": say("Words separated by commas."),
        "EpisodeLocation.name": say("Where it was recorded, or what it is about."),
        "license": say("An SPDX identifier such as CC-BY-4.0."),
        "spdx": say("An SPDX identifier such as CC-BY-4.0."),
        "guid": say("Set once by the site; do not change it."),
        # organisations, funders, venues
        "id": say("Small letters a-z, digits and '-'; unique; never changed once used."),
        "Project.id": say("Unique: letters, digits, '-', '_', '.' (the grant number, e.g. NVOK06101)."),
        "name": say("Required."),
        "Organisation.name": say("The full legal name."),
        "short_name": say("Such as LKBS."),
        "registration_code": say("The legal entity code; gives the identifier LT-RC-<code>."),
        "url": say("A full address starting with https://."),
        "logo": say("A picture under media."),
        "description": say("Markdown."),
        "Organisation.address": say("Where the organisation is registered."),
        "street": say("Street and number."),
        "postal_code": say("Such as LT-01100."),
        "parent": say("Such as the ministry that administers the fund."),
        "publicity_statement": say("A sentence shown on every project page it funds."),
        "publicity_rules": say("The disclosure rules this funder sets; the build warns where a project misses one."),
        "translations": say("The same text in the site's other languages; empty parts show the original."),
        "Venue.name": say("The name of the place."),
        # projects
        "Project.organisation": say("The organisation that runs it (from Organisations)."),
        "Project.summary": say("Plain text, at most 300 characters."),
        "Project.description": say("Markdown."),
        "period": say("When it runs."),
        "Period.start": say("YYYY-MM-DD."),
        "Period.end": say("YYYY-MM-DD, not before the start."),
        "Project.status": say("planned, active, completed or cancelled; empty: from the period and today's date."),
        "funding": say("Each grant: at least one."),
        "funder": say("Who granted it (from Funders)."),
        "amount": say("Digits only, without thousands separators, a dot before the cents: 20000 or 20000.50."),
        "currency": say("ISO 4217, such as EUR (the default)."),
        "programme": say("The call or programme."),
        "Grant.source": say("Such as valstybės biudžetas."),
        "award_date": say("YYYY-MM-DD; empty: the decision's date."),
        "reference": say("The agreement number."),
        "decision": say("The act that granted it."),
        "Decision.title": say("The act's title."),
        "number": say("The act's number."),
        "Decision.date": say("YYYY-MM-DD."),
        "payments": say("Money actually paid out; together not more than the amount."),
        "Payment.date": say("YYYY-MM-DD."),
        "goals": say("One goal per item (inline Markdown)."),
        "expected_results": say("One result per item (inline Markdown)."),
        "activities": say("What the project does."),
        "Activity.id": say("Small letters, digits and '-'; needed when events point at the activity."),
        "items": say("Such as the councils taken part in; one per item."),
        "indicators": say("What is counted: planned and achieved."),
        "Indicator.name": say("What is counted."),
        "unit": say("Such as people, events, pcs."),
        "Indicator.source": say("'events': achieved is the attendance of the activity's past events."),
        "target": say("Planned: a number, without thousands separators."),
        "actual": say("Achieved: a number, without thousands separators; empty when counted from events."),
        "people": say("Whether it counts people (the home page adds them up); empty: the unit decides."),
        "partners": say("Who takes part, and how."),
        "role": say("What they do in it."),
        "documents": say("Each with a file under media or an address, not both."),
        "file": say("A file uploaded under media."),
        "links": say("Pages elsewhere about the project."),
        "areas": say("Places the project serves; open data gives them as the beneficiary location."),
        "code": say("An ISO 3166-2 code such as LT-TE, or a municipality code."),
        # site settings
        "SiteFile.title": say("The site's name."),
        "tagline": say("Shown under the name, in each language."),
        "SiteFile.url": say("The production address, such as https://bendruomene.lt/."),
        "languages": say("Language codes; the first is the site's main language."),
        "publisher": say("Who publishes the site: footer, contacts, feed owner."),
        "email": say("An e-mail address."),
        "social_image": say("A picture under media shown when the site is shared."),
        "podcast": say("The podcast channel."),
        "Podcast.title": say("The podcast's name."),
        "Podcast.description": say("What the podcast is about."),
        "Podcast.author": say("Who makes it."),
        "owner": say("Who podcast directories contact."),
        "Podcast.image": say("Square, 1400 to 3000 px, under media; required when the site has episodes."),
        "categories": say("Apple's categories: a category, or a category and a subcategory."),
        "Podcast.explicit": say("Whether it has content unsuitable for children."),
        "type": say("episodic or serial."),
        "locked": say("Whether other platforms may not import it."),
        "copyright": say("Such as © 2024 the organisation."),
        "Podcast.license": say("An SPDX identifier such as CC-BY-4.0."),
        "directories": say("Where the podcast is listed."),
        "Podcast.image_alt": say("What the artwork shows."),
        "update_frequency": say("How often new episodes come."),
        "UpdateFrequency.rule": say("Such as FREQ=MONTHLY."),
        "label": say("The same in words, such as 'monthly'."),
        "complete": say("Whether no more episodes will come."),
        "applepodcastsverify": say("The code Apple Podcasts gives to verify ownership."),
        "podroll": say("Podcasts this one recommends."),
        "feed_guid": say("The recommended podcast's GUID."),
        "feed_url": say("The recommended podcast's feed."),
        "identity_domain": say("The domain of calendar UIDs and episode GUIDs; set once, never changed."),
        "grant_id_prefix": say("The prefix of published grant identifiers; set once, never changed."),
        "data_licence": say("The licence of the open data."),
        "members": say("An umbrella's member organisations whose sites it gathers."),
        "Member.source": say("Where to read the member's site from, if not its address."),
        "editor": say("This web editor: where the site is kept and how editors sign in."),
        "deploy": say("Where 'skaidra deploy' uploads the published site; passwords never here."),
        "to": say("s3://bucket/folder, sftp://user@host/folder, ftp://…, ftps://… or a WebDAV address."),
        "endpoint": say("For S3: the storage's address."),
        "region": say("For S3: the region, such as eu-central-1."),
        "backend": say("github, gitlab or gitea (Forgejo too)."),
        "repo": say("owner/name of the repository."),
        "branch": say("The branch the site is built from (main)."),
        "base_url": say("GitLab's or Gitea's address; for GitHub, the sign-in helper's."),
        "app_id": say("The id of the OAuth application (GitLab, Gitea)."),
    }  # fmt: skip


def label_of(name: str) -> str:
    """The label of a field called `name` (of a collection: `collection.<name>`)."""
    name = name.rstrip("_").removesuffix("[]")
    found = labels(language()).get(name)
    return (
        found
        if found is not None
        else name.removeprefix("collection.").replace("_", " ").capitalize()
    )


def hint_of(model: str, name: str) -> str:
    """The hint of `model.name`, else of any field called `name`."""
    name = name.removesuffix("[]")
    table = hints(language())
    found = table.get(f"{model}.{name}")
    if found is None and model != "collection":
        found = table.get(name.rstrip("_"))
    return found or ""
