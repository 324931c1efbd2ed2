"""An export shaped for a Dutch case system: a ZGW Zaken API zaak, with the summary as
a document (Documenten API enkelvoudig informatieobject) and the link between them.

Nothing is sent: staff download this, or a municipality's integration posts it to its
own ZGW endpoints (zaak first, then the document, then the zaakinformatieobject with
the two URLs it got back). The mapping is documented in README.md.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from api.settings import Settings
from api.store.models import Intake


def zaak_export(intake: Intake, settings: Settings) -> dict[str, Any]:
    summary = intake.summary
    created = intake.created_at.date().isoformat()
    urgency = (summary.get("urgency") or {}).get("level", "normal")
    route = (summary.get("triage") or {}).get("route", "standaard")
    document = json.dumps(summary, ensure_ascii=False, indent=2).encode("utf-8")
    return {
        "zaak": {
            "identificatie": intake.reference,
            "bronorganisatie": settings.zgw_rsin,
            "verantwoordelijkeOrganisatie": settings.zgw_rsin,
            "zaaktype": settings.zgw_zaaktype,
            "omschrijving": "Aanmelding sociaal domein via Voordeur",
            "toelichting": f"Urgentie: {urgency}. Route: {route}.",
            "registratiedatum": created,
            "startdatum": created,
            # Health, safety and money of a household: never public.
            "vertrouwelijkheidaanduiding": "vertrouwelijk",
            "kenmerken": [{"kenmerk": intake.reference, "bron": "Voordeur"}],
        },
        "informatieobject": {
            "identificatie": f"{intake.reference}-samenvatting",
            "bronorganisatie": settings.zgw_rsin,
            "informatieobjecttype": settings.zgw_informatieobjecttype,
            "creatiedatum": created,
            "titel": f"Samenvatting aanmelding {intake.reference}",
            "auteur": "Voordeur",
            "taal": "nld",
            "vertrouwelijkheidaanduiding": "vertrouwelijk",
            "formaat": "application/json",
            "bestandsnaam": f"{intake.reference}.json",
            "inhoud": base64.b64encode(document).decode("ascii"),
        },
        "zaakinformatieobject": {
            # Filled in by whoever posts: the URLs the ZGW APIs return for the two above.
            "zaak": None,
            "informatieobject": None,
            "titel": f"Samenvatting aanmelding {intake.reference}",
        },
    }
