"""Write `data/projects.json`, `data/grants.csv` (and `.xlsx`), `data/360giving.json` and `data/iati-activities.xml`.

An umbrella's files hold its members' records too (contract, section 10), each naming the member
that published it (`member`) and the file it came from (`source`), as the members published them.

Reads: `SKAIDRA["grant_id_prefix"]`, `SKAIDRA["data_licence"]`, `SKAIDRA["publisher"]`,
`SKAIDRA["members"]`, `SITENAME`, `SITEURL`.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
from decimal import Decimal
from pathlib import Path

from pelican import signals
from skaidra_core.generator import SkaidraGenerator
from skaidra_core.i18n import N_
from skaidra_core.navigation import Link
from skaidra_core.settings import core_settings, grant_id, grant_id_prefix, org_identifier
from skaidra_model.funding import GrantRecord, grant_records, records_by_project
from skaidra_model.numbers import json_number
from skaidra_network.network import read_network, source_of

from .iati import iati_activities
from .records import day, project_dict
from .spreadsheet import csv_text, workbook

# The contract's columns, then names and the funder's own numbers, for people who open the table.
GRANT_COLUMNS = [
    "grant_id", "project_id", "project_title", "organisation", "funder", "programme",
    "amount", "currency", "award_date", "start", "end", "url",
    "organisation_name", "funder_name", "decision_number", "decision_date", "agreement_number", "paid",
    "member", "source",  # on an umbrella's site: the member that published the grant, and where
]  # fmt: skip


FILES = "open-data"  # the name the files are made under together (SkaidraGenerator.reuse_files)
# What they are made from: the settings and the day, and the model's collections as read (page_memo.py);
# an umbrella's are made every time, as its members' files are read anew.
MADE_FROM = (
    "shared", "model:projects", "model:funders", "model:organisations", "model:events", "model:actuals",
)  # fmt: skip


class OpenDataGenerator(SkaidraGenerator):
    """The machine-readable files of the contract's stable endpoints."""

    capability = "open_data"

    @functools.cached_property
    def prefix(self) -> str:
        """The prefix of the site's grant and organisation identifiers, found once."""
        return grant_id_prefix(self.settings, self.site)

    def declare_links(self) -> None:
        files = [
            ("projects.json", self.routes.file("projects_json")),
            ("grants.csv", self.routes.file("grants_csv")),
            ("grants.xlsx", self.routes.file("grants_xlsx")),
        ]
        network = self.network()  # an umbrella's: its members' grants and projects too
        if grant_records(self.site) or (network is not None and network.giving):
            files.append(("360giving.json", self.routes.file("giving_json")))
        if self.site.projects or (network is not None and network.projects):
            files.append(("iati-activities.xml", self.routes.file("iati_xml")))
        self.build.footer.append(Link("open_data", N_("Open data"), 40, files=tuple(files)))

    def network(self):
        """An umbrella's network (skaidra_network), or None."""
        members = core_settings(self.settings)["members"]
        return read_network(Path(self.settings["PATH"]), members) if members else None

    def start_aside(self) -> None:
        """The files are made from the model alone: aside, while the pages are written."""
        network = self.network()
        self.make_aside(
            FILES, MADE_FROM if network is None else None, lambda: self.write_files(network)
        )

    def write_files(self, network) -> None:
        records = grant_records(self.site)
        ids = {r.key: grant_id(self.prefix, r) for r in records}
        document = self.projects_document(records, ids)
        if network is not None:
            document["projects"] += [
                {
                    **p.published(),
                    "member": member_of(p.member),
                    "source": source_of(p.member, "data/projects.json"),
                }
                for p in network.projects
            ]
        self.write_file(self.routes.file("projects_json"), _json(document))
        rows = self.grant_rows(records, ids) + (member_rows(network) if network is not None else [])
        self.write_file(self.routes.file("grants_csv"), grants_csv(rows))
        self.write_file(
            self.routes.file("grants_xlsx"),
            workbook("grants", GRANT_COLUMNS, rows, self.site.now.date()),
        )
        if records or (network is not None and network.giving):
            package = self.giving_package(records, ids)
            if network is not None:  # as each member published them, `dataSource` the member's file
                package["grants"] += [
                    grant.published(source_of(member, "data/360giving.json"))
                    for member, grant in network.giving
                ]
            self.write_file(self.routes.file("giving_json"), _json(package))
        iati = iati_activities(
            self.site, records, lambda kind, entity: org_identifier(self.prefix, kind, entity),
            lambda project: self.absolute(self.routes.route("project", self.default_lang, slug=project.slug)), self.absolute,
            network,
        )  # fmt: skip
        if iati is not None:
            self.write_file(self.routes.file("iati_xml"), iati)

    def projects_document(self, records: list[GrantRecord], ids: dict[str, str]) -> dict:
        site = self.site
        projects = []
        of_project = records_by_project(records)
        for project in sorted(
            site.projects.values(), key=lambda p: (p.period.start, p.id), reverse=True
        ):
            entry = project_dict(site, project, of_project[project.id], ids, self.absolute)
            entry["url"] = self.absolute(
                self.routes.route("project", self.default_lang, slug=project.slug)
            )
            entry["urls"] = {
                lang: self.absolute(self.routes.route("project", lang, slug=project.slug))
                for lang in self.languages
            }
            entry["calendar"] = self.absolute(
                self.routes.file("project_calendar", slug=project.slug)
            )
            if site.history and project.id in site.history.modified:
                entry["dateModified"] = site.history.modified[project.id]  # its file's last commit
            entry["events"] = [
                {"uid": e.uid, "title": e.title, "start": e.start.isoformat(), "status": e.status,
                 "url": self.absolute(self.routes.route("event", self.default_lang, slug=e.slug))}
                for e in site.events_of(project.id)
            ]  # fmt: skip
            projects.append(entry)
        licence = core_settings(self.settings)["data_licence"]
        return {
            "projects": projects,
            "organisations": [
                {
                    **o.model_dump(exclude_none=True),
                    "identifier": org_identifier(self.prefix, "org", o),
                }
                for o in site.organisations.values()
            ],
            "funders": [
                {
                    **f.model_dump(exclude_none=True),
                    "identifier": org_identifier(self.prefix, "funder", f),
                }
                for f in site.funders.values()
            ],
            "licence": licence,
            "generated": site.now.date().isoformat(),  # by the day: a rebuild the same day leaves the file as it was
        }

    def grant_rows(self, records: list[GrantRecord], ids: dict[str, str]) -> list[list]:
        """One row per grant in GRANT_COLUMNS' order: amounts as Decimals, dates as dates."""
        rows = []
        for r in records:
            project, grant = r.project, r.grant
            decision = grant.decision
            rows.append([
                ids[r.key], project.id, project.title, project.organisation, grant.funder, grant.programme or "",
                grant.amount, grant.currency, r.award_date, project.period.start, project.period.end,
                self.absolute(self.routes.route("project", self.default_lang, slug=project.slug)),
                self.site.organisations[project.organisation].name, self.site.funders[grant.funder].name,
                (decision.number if decision else None) or "", decision.date if decision else None,
                grant.reference or "", grant.paid, "", "",
            ])  # fmt: skip
        return rows

    def giving_package(self, records: list[GrantRecord], ids: dict[str, str]) -> dict:
        """The grants as a 360Giving Data Standard package (schema 1.4)."""
        site = self.site
        core = core_settings(self.settings)
        grants = []
        for r in records:
            project, grant = r.project, r.grant
            org = site.organisations[project.organisation]
            funder = site.funders[grant.funder]
            page = self.absolute(self.routes.route("project", self.default_lang, slug=project.slug))
            description = project.summary
            if r.award_date is None:
                description += " (Sprendimo data nepaskelbta; nurodyta projekto pradžios data.)"
            recipient = {
                "id": org_identifier(self.prefix, "org", org),
                "name": org.name,
                **_recipient_place(org),
            }
            if org.url:
                recipient["url"] = org.url
            entry = {
                "id": ids[r.key],
                "title": project.title,
                "description": description,
                "currency": grant.currency,
                "amountAwarded": json_number(grant.amount),
                "awardDate": day(r.award_date or project.period.start),
                "plannedDates": [
                    {"startDate": day(project.period.start), "endDate": day(project.period.end)}
                ],
                "recipientOrganization": [recipient],
                "fundingOrganization": [
                    {"id": org_identifier(self.prefix, "funder", funder), "name": funder.name}
                ],
                "url": page,
                "dataSource": page,
            }
            if grant.programme:
                entry["grantProgramme"] = [{"title": grant.programme}]
            if project.areas:  # contract, section 7: a project's areas are its beneficiary location
                entry["beneficiaryLocation"] = [
                    {"name": area.name, **({"countryCode": area.country} if area.country else {})}
                    for area in project.areas
                ]
            if site.history and project.id in site.history.modified:
                entry["dateModified"] = site.history.modified[
                    project.id
                ]  # its project file's last commit
            if grant.payments:
                entry["amountDisbursed"] = json_number(grant.paid)
                entry["disbursementTransaction"] = [
                    {"id": f"{ids[r.key]}-{n}", "transactionDate": day(payment.date), "currency": grant.currency,
                     "value": json_number(payment.amount), "valueDate": day(payment.date),
                     "provider": entry["fundingOrganization"][0]["id"], "recipient": recipient["id"]}
                    for n, payment in enumerate(grant.payments, start=1)
                ]  # fmt: skip
            grants.append(entry)
        publisher = {
            "name": core["publisher"].get("name") or self.settings["SITENAME"],
            "website": self.absolute(""),
        }
        return {
            "grants": grants,
            "version": "1.4",
            "title": f"{self.settings['SITENAME']}: 360Giving",
            "issued": site.now.date().isoformat(),
            "publisher": publisher,
            "license": core["data_licence"]["url"],
            "downloadURL": self.absolute(self.routes.file("giving_json")),
            "accessURL": self.absolute(self.routes.route("funding", self.default_lang)),
        }


def member_of(member) -> dict:
    return {"id": member.id, "name": member.name, "url": member.url}


def member_rows(network) -> list[list]:
    """The members' grants as rows of GRANT_COLUMNS, from their validated projects.json records."""
    rows = []
    for project in network.projects:
        record, period = project.record, project.record.period
        for grant in project.grants:
            funding = grant.funding
            rows.append([
                funding.grant_id, project.id, project.title, record.organisation, funding.funder, funding.programme,
                funding.amount, funding.currency, funding.award_date, period.start, period.end, project.url or "",
                record.organisation_name, grant.funder_name, "", None, "", None,
                project.member.id, source_of(project.member, "data/projects.json"),
            ])  # fmt: skip
    return rows


def grants_csv(rows: list[list]) -> str:
    """The rows as CSV for machines: a dot before the cents, ISO dates, UTF-8 with a BOM."""
    buffer = io.StringIO()
    buffer.write("\ufeff")  # lets Excel see UTF-8, so Lithuanian letters stay intact
    out = csv.writer(buffer, lineterminator="\r\n")
    out.writerow(GRANT_COLUMNS)
    for row in rows:
        out.writerow([_plain(value) for value in row])
    return buffer.getvalue()


def _plain(value) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return csv_text(value)
    return "" if value is None else str(value)


def _json(document: dict) -> bytes:
    """The document as indented UTF-8 JSON, encoded piece by piece: a network's open data runs to tens
    of megabytes, which `json.dumps` would hold as a list of pieces, then a str, then bytes."""
    out = io.BytesIO()
    for piece in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(document):
        out.write(piece.encode("utf-8"))
    out.write(b"\n")
    return out.getvalue()


def get_generators(_pelican):
    return OpenDataGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)


def _recipient_place(org) -> dict[str, str]:
    """The recipient's register code and address, as 360Giving's Organization names them."""
    place = {"companyNumber": org.registration_code} if org.registration_code else {}
    address = org.address
    if address is not None:
        for key, value in (("streetAddress", address.street), ("addressLocality", address.locality),
                           ("postalCode", address.postal_code), ("addressCountry", address.country)):  # fmt: skip
            if value:
                place[key] = value
    return place
