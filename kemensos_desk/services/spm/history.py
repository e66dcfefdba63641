"""A person's history in the register: the services they are entitled to (by year), the
assessments made and every service delivered, in the words the office uses (the service's
target group, the component's name), newest first. Read by the person form's
"Riwayat layanan" tab."""
from __future__ import annotations

from kemensos_desk.services.auth import Actor
from kemensos_desk.services.spm import common, deliveries, reference
from kemensos_desk.services.spm import register as reg
from kemensos_desk.services.workspace import Workspace


def _names(level: str):
    known = {s.code: s for s in reference.services_for(level)}

    def service(code: str) -> str:
        return known[code].target_group if code in known else code

    def component(service_code: str, code: str) -> str:
        comp = known[service_code].component(code) if service_code in known else None
        return comp.name if comp else code

    return service, component


def person_history(ws: Workspace, actor: Actor, person_id: int) -> dict:
    actor.require("data.read")
    with ws.store.session() as s:
        reg.get_person(s, person_id)  # refused in words when the person is gone
        service, component = _names(common.office(s).level)
        services = [{**e, "service_name": service(e["service"])} for e in reg.entitlements(s, person_id)]
        assessed = [{**a, "service_name": service(a["service"]), "component_name": component(a["service"], a["component"])}
                    for a in deliveries.assessments_of(s, person_id)]
        delivered = [{**d, "service_name": service(d["service"]), "component_name": component(d["service"], d["component"])}
                     for d in deliveries.deliveries_of(s, person_id)]
    services.sort(key=lambda e: (-e["year"], e["service_name"]))
    assessed.sort(key=lambda a: (a["assessed_on"], a["service_name"]), reverse=True)
    delivered.sort(key=lambda d: (d["delivered_on"], d["component_name"]), reverse=True)
    return {"services": services, "assessments": assessed, "deliveries": delivered}
