"""schema.org structured data for a project and its grants (`MonetaryGrant`)."""

from __future__ import annotations

from skaidra_model import Site
from skaidra_model.funding import GrantRecord
from skaidra_model.numbers import json_number
from skaidra_model.schema import Project


def project_graph(
    site: Site, project: Project, records: list[GrantRecord], url: str, lang: str, grant_id
) -> dict:
    """A JSON-LD graph: the project and one MonetaryGrant per grant."""
    text = project.translated(lang)
    org = site.organisations[project.organisation]
    org_node = {"@type": "Organization", "name": org.name}
    if org.url:
        org_node["url"] = org.url
    if org.registration_code:
        org_node["identifier"] = org.identifier
    project_node = {
        "@type": "Project",
        "@id": f"{url}#project",
        "name": text.title,
        "description": text.summary,
        "url": url,
        "identifier": project.id,
        "parentOrganization": org_node,
        "funding": [{"@id": f"{url}#grant-{i}"} for i in range(len(records))],
    }
    graph = [project_node]
    for i, record in enumerate(records):
        grant = record.grant
        funder = site.funders[grant.funder]
        funder_node = {"@type": "Organization", "name": funder.name}
        if funder.url:
            funder_node["url"] = funder.url
        if funder.parent:
            funder_node["parentOrganization"] = {"@type": "Organization", "name": funder.parent}
        node = {
            "@type": "MonetaryGrant",
            "@id": f"{url}#grant-{i}",
            "identifier": grant_id(record),
            "name": grant.programme or text.title,
            "amount": {
                "@type": "MonetaryAmount",
                "value": json_number(grant.amount),
                "currency": grant.currency,
            },
            "funder": funder_node,
            "fundedItem": {"@id": f"{url}#project"},
        }
        graph.append(node)
    return {"@context": "https://schema.org", "@graph": graph}
