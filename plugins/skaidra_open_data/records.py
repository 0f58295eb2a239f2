"""Plain dictionaries of projects and grants for the open data files."""

from __future__ import annotations

import datetime as dt

from skaidra_model import Site
from skaidra_model.funding import GrantRecord
from skaidra_model.numbers import json_number
from skaidra_model.schema import Project


def day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _drop_none(mapping: dict) -> dict:
    return {k: v for k, v in mapping.items() if v is not None}


def grant_dict(site: Site, record: GrantRecord, grant_id: str) -> dict:
    grant = record.grant
    decision = grant.decision
    return _drop_none(
        {
            "grant_id": grant_id,
            "funder": grant.funder,
            "funder_name": site.funders[grant.funder].name,
            "amount": json_number(grant.amount),
            "currency": grant.currency,
            "programme": grant.programme,
            "source": grant.source,
            "award_date": day(record.award_date),
            "reference": grant.reference,
            "decision": _drop_none(
                {
                    "title": decision.title,
                    "number": decision.number,
                    "date": day(decision.date),
                    "url": decision.url,
                }
            )
            if decision
            else None,
            "payments": [
                {"date": day(p.date), "amount": json_number(p.amount)} for p in grant.payments
            ]
            or None,
        }
    )


def project_dict(
    site: Site, project: Project, records: list[GrantRecord], grant_ids: dict[str, str], absolute
) -> dict:
    """A project with everything the contract names, indicators resolved."""
    activities = []
    for a, activity in enumerate(project.activities):
        activities.append(
            _drop_none(
                {
                    "id": activity.id,
                    "title": activity.title,
                    "description": activity.description,
                    "items": list(activity.items),
                    "indicators": [
                        _drop_none(
                            {
                                "name": item.indicator.name,
                                "unit": item.indicator.unit,
                                "target": json_number(item.indicator.target),
                                "actual": json_number(item.actual),
                                "source": item.indicator.source,
                            }
                        )
                        for item in site.indicators(project, a)
                    ],
                }
            )
        )
    return _drop_none(
        {
            "id": project.id,
            "title": project.title,
            "organisation": project.organisation,
            "organisation_name": site.organisations[project.organisation].name,
            "summary": project.summary,
            "description": project.description,
            "period": {"start": day(project.period.start), "end": day(project.period.end)},
            "status": site.project_status(project),
            "funding": [grant_dict(site, r, grant_ids[r.key]) for r in records],
            "goals": list(project.goals),
            "expected_results": list(project.expected_results),
            "activities": activities,
            "partners": [_drop_none(p.model_dump()) for p in project.partners],
            "documents": [
                {"title": d.title, "url": absolute(f"media/{d.file}") if d.file else d.url}
                for d in project.documents
            ],
            "links": [link.model_dump() for link in project.links],
            "areas": [_drop_none(area.model_dump()) for area in project.areas] or None,
            "translations": {
                lang: _drop_none(t.model_dump()) for lang, t in project.translations.items()
            },
        }
    )
