"""The projects as IATI activities: `data/iati-activities.xml`, IATI Activity Standard 2.03.

One `iati-activity` per project, reported by the organisation that carries it out: who funds it and
who implements it, its status and dates, its budget, each grant as the commitment the organisation
received and each payment as the funds it received, links to its page and documents, and its results:
each activity with indicators as an output, each indicator with its target and actual for the
project's period (actuals counted from events where the indicator says so, as on the pages).

Codes come from the IATI 2.03 codelists (the tests check them against copies of the published lists).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from decimal import Decimal
from xml.etree import ElementTree as ET

from skaidra_model import Site
from skaidra_model.funding import GrantRecord, records_by_project
from skaidra_model.media_types import media_type
from skaidra_model.numbers import decimal_text
from skaidra_model.schema import Project

VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

NATIONAL_NGO = "22"  # OrganisationType: the organisations Skaidra is made for
FUNDING, IMPLEMENTING = "1", "4"  # OrganisationRole
STATUS = {
    "planned": "1",
    "active": "2",
    "completed": "4",
    "cancelled": "5",
}  # ActivityStatus: pipeline ... closed
PLANNED_START, PLANNED_END = "1", "3"  # ActivityDateType
ORIGINAL, COMMITTED = "1", "2"  # BudgetType, BudgetStatus
# TransactionType, as the reporting organisation sees them: the grant is the funder's commitment it
# received, each payment the funds it received (outgoing "commitment" and "disbursement", 2 and 3,
# would say that the organisation itself paid them out).
INCOMING_COMMITMENT, INCOMING_FUNDS = "11", "1"
WEB_PAGE, CONTRACT, RESULTS = (
    "A12",
    "A11",
    "A08",
)  # DocumentCategory: the page, a funding decision, a document
OUTPUT = "1"  # ResultType
UNIT = "1"  # IndicatorMeasure


def iati_activities(
    site: Site,
    records: list[GrantRecord],
    identifier: Callable[[str, object], str],
    page_of: Callable[[Project], str],
    absolute: Callable[[str], str],
    network=None,
) -> bytes | None:
    """The document's bytes, or None for a site without projects (IATI asks for at least one activity).

    `identifier(kind, entity)` gives an organisation's or funder's identifier; `page_of` a project's
    address; `absolute` the address of a file under the output folder; `network` an umbrella's
    members' projects (skaidra_network), written after its own."""
    gathered = network.projects if network is not None else ()
    if not site.projects and not gathered:
        return None
    root = ET.Element(
        "iati-activities",
        {"version": VERSION, "generated-datetime": f"{site.now.date().isoformat()}T00:00:00Z"},
    )
    of_project = records_by_project(records)
    for project in sorted(site.projects.values(), key=lambda p: p.id):
        _activity(
            root,
            site,
            project,
            of_project[project.id],
            identifier,
            page_of(project),
            absolute,
        )
    for project in gathered:
        _member_activity(
            root, project, network.recipients.get(project.member.id), site.settings.default_lang
        )
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _activity(root, site: Site, project: Project, records, identifier, page: str, absolute) -> None:
    lang = site.settings.default_lang
    org = site.organisations[project.organisation]
    org_ref = identifier("org", org)
    currencies = sorted({r.grant.currency for r in records})
    activity = ET.SubElement(
        root,
        "iati-activity",
        {XML_LANG: lang, "default-currency": currencies[0] if currencies else "EUR"},
    )
    ET.SubElement(activity, "iati-identifier").text = f"{org_ref}-{project.id}"
    _narratives(
        ET.SubElement(activity, "reporting-org", {"ref": org_ref, "type": NATIONAL_NGO}),
        org.name,
        {},
    )
    _narratives(
        ET.SubElement(activity, "title"),
        project.title,
        {k: t.title for k, t in project.translations.items()},
    )
    _narratives(
        ET.SubElement(activity, "description", {"type": "1"}),
        project.summary,
        {k: t.summary for k, t in project.translations.items()},
    )
    for funder_id in dict.fromkeys(r.grant.funder for r in records):
        funder = site.funders[funder_id]
        _narratives(
            ET.SubElement(
                activity,
                "participating-org",
                {"ref": identifier("funder", funder), "role": FUNDING},
            ),
            funder.name,
            {},
        )
    _narratives(
        ET.SubElement(
            activity,
            "participating-org",
            {"ref": org_ref, "role": IMPLEMENTING, "type": NATIONAL_NGO},
        ),
        org.name,
        {},
    )
    ET.SubElement(activity, "activity-status", {"code": STATUS[site.project_status(project)]})
    ET.SubElement(
        activity,
        "activity-date",
        {"type": PLANNED_START, "iso-date": project.period.start.isoformat()},
    )
    ET.SubElement(
        activity, "activity-date", {"type": PLANNED_END, "iso-date": project.period.end.isoformat()}
    )
    _places(activity, project)
    for currency in currencies:
        budget = ET.SubElement(activity, "budget", {"type": ORIGINAL, "status": COMMITTED})
        ET.SubElement(budget, "period-start", {"iso-date": project.period.start.isoformat()})
        ET.SubElement(budget, "period-end", {"iso-date": project.period.end.isoformat()})
        total = sum((r.grant.amount for r in records if r.grant.currency == currency), Decimal(0))
        _value(budget, total, currency, project.period.start.isoformat())
    for record in records:
        grant, funder = record.grant, site.funders[record.grant.funder]
        awarded = (record.award_date or project.period.start).isoformat()
        _transaction(
            activity,
            INCOMING_COMMITMENT,
            awarded,
            grant.amount,
            grant.currency,
            (identifier("funder", funder), funder.name),
            (org_ref, org.name),
        )
        for payment in grant.payments:
            day = payment.date.isoformat()
            _transaction(
                activity,
                INCOMING_FUNDS,
                day,
                payment.amount,
                grant.currency,
                (identifier("funder", funder), funder.name),
                (org_ref, org.name),
            )
    _document(activity, page, "text/html", project.title, WEB_PAGE)
    for record in records:
        decision = record.grant.decision
        if decision is not None and decision.url:
            title = decision.title or decision.number or site.funders[record.grant.funder].name
            _document(activity, str(decision.url), _format_of(str(decision.url)), title, CONTRACT)
    for document in project.documents:
        url = absolute(f"media/{document.file}") if document.file else str(document.url)
        _document(activity, url, _format_of(url), document.title, RESULTS)
    for a, item in enumerate(project.activities):
        indicators = [
            i
            for i in site.indicators(project, a)
            if i.indicator.target is not None or i.actual is not None
        ]
        if not indicators:
            continue
        result = ET.SubElement(activity, "result", {"type": OUTPUT})
        _narratives(
            ET.SubElement(result, "title"),
            item.title,
            {k: t.title for k, t in item.translations.items()},
        )
        for resolved in indicators:
            indicator = resolved.indicator
            element = ET.SubElement(result, "indicator", {"measure": UNIT, "ascending": "1"})
            _narratives(
                ET.SubElement(element, "title"),
                indicator.name,
                {k: t.name for k, t in indicator.translations.items()},
            )
            if indicator.unit:
                _narratives(
                    ET.SubElement(element, "description"),
                    indicator.unit,
                    {k: t.unit for k, t in indicator.translations.items()},
                )
            period = ET.SubElement(element, "period")
            ET.SubElement(period, "period-start", {"iso-date": project.period.start.isoformat()})
            ET.SubElement(period, "period-end", {"iso-date": project.period.end.isoformat()})
            if indicator.target is not None:
                ET.SubElement(period, "target", {"value": decimal_text(indicator.target)})
            if resolved.actual is not None:
                ET.SubElement(period, "actual", {"value": decimal_text(resolved.actual)})


def _member_activity(root, project, recipient: tuple[str, str] | None, lang: str) -> None:
    """A member's project as its projects.json gives it: reported by the member's organisation (its
    identifier from the member's 360Giving file, else the member's id), with the member's page of the
    project and the file it came from as documents."""
    member, period = project.member, project.record.period
    org_ref, org_name = recipient or (member.id, member.name)
    currencies = sorted({g.currency for g in project.grants})
    start, end = (day.isoformat() if day else None for day in (period.start, period.end))
    activity = ET.SubElement(
        root,
        "iati-activity",
        {XML_LANG: lang, "default-currency": currencies[0] if currencies else "EUR"},
    )
    ET.SubElement(activity, "iati-identifier").text = f"{org_ref}-{project.id}"
    _narratives(
        ET.SubElement(activity, "reporting-org", {"ref": org_ref, "type": NATIONAL_NGO}),
        org_name,
        {},
    )
    _narratives(ET.SubElement(activity, "title"), project.title, {})
    _narratives(
        ET.SubElement(activity, "description", {"type": "1"}), project.summary or project.title, {}
    )
    for key, name in dict.fromkeys((g.funder_key, g.funder_name) for g in project.grants):
        _narratives(
            ET.SubElement(
                activity, "participating-org", {"ref": key.removeprefix("funder:"), "role": FUNDING}
            ),
            name,
            {},
        )
    _narratives(
        ET.SubElement(
            activity,
            "participating-org",
            {"ref": org_ref, "role": IMPLEMENTING, "type": NATIONAL_NGO},
        ),
        org_name,
        {},
    )
    ET.SubElement(
        activity, "activity-status", {"code": STATUS.get(project.status, STATUS["active"])}
    )
    if start:
        ET.SubElement(activity, "activity-date", {"type": PLANNED_START, "iso-date": start})
    if end:
        ET.SubElement(activity, "activity-date", {"type": PLANNED_END, "iso-date": end})
    for grant in project.grants:
        day = grant.funding.award_date.isoformat() if grant.funding.award_date else start
        if day:
            _transaction(
                activity,
                INCOMING_COMMITMENT,
                day,
                grant.amount,
                grant.currency,
                (grant.funder_key.removeprefix("funder:"), grant.funder_name),
                (org_ref, org_name),
            )
    if project.url:
        _document(activity, project.url, "text/html", project.title, WEB_PAGE)
    source = member.url.rstrip("/") + "/data/projects.json"
    _document(activity, source, "application/json", f"{member.name}: projects.json", RESULTS)


def _places(activity, project: Project) -> None:
    """A project's areas (contract, section 7): its recipient countries, shares adding up to 100 when there
    are several, and each area as a location by name."""
    countries = list(dict.fromkeys(area.country for area in project.areas if area.country))
    even = (Decimal(100) / len(countries)).quantize(Decimal("0.01")) if len(countries) > 1 else None
    for n, country in enumerate(countries, start=1):
        attributes = {"code": country}
        if even is not None:  # the last takes what rounding left, so that the shares add up to 100
            attributes["percentage"] = str(
                even if n < len(countries) else 100 - even * (len(countries) - 1)
            )
        ET.SubElement(activity, "recipient-country", attributes)
    for area in project.areas:
        location = ET.SubElement(activity, "location")
        _narratives(ET.SubElement(location, "name"), area.name, {})


def _narratives(parent, text: str, translations: dict[str, str | None]) -> None:
    """The text in the activity's language, then each translation marked with its own."""
    ET.SubElement(parent, "narrative").text = text
    for lang, translated in sorted(translations.items()):
        if translated:
            ET.SubElement(parent, "narrative", {XML_LANG: lang}).text = translated


def _value(parent, amount: Decimal, currency: str, day: str) -> None:
    ET.SubElement(parent, "value", {"currency": currency, "value-date": day}).text = decimal_text(
        amount
    )


def _transaction(
    activity, code: str, day: str, amount: Decimal, currency: str, provider: tuple, receiver: tuple
) -> None:
    transaction = ET.SubElement(activity, "transaction")
    ET.SubElement(transaction, "transaction-type", {"code": code})
    ET.SubElement(transaction, "transaction-date", {"iso-date": day})
    _value(transaction, amount, currency, day)
    _narratives(ET.SubElement(transaction, "provider-org", {"ref": provider[0]}), provider[1], {})
    _narratives(ET.SubElement(transaction, "receiver-org", {"ref": receiver[0]}), receiver[1], {})


def _document(activity, url: str, file_format: str, title: str, category: str) -> None:
    link = ET.SubElement(activity, "document-link", {"url": url, "format": file_format})
    _narratives(ET.SubElement(link, "title"), title, {})
    ET.SubElement(link, "category", {"code": category})


def _format_of(url: str) -> str:
    """A document's IANA media type (IATI's FileFormat codelist) by its name; an address without one is a web page."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    return media_type(path) or mimetypes.guess_type(path)[0] or "text/html"
