"""IATI test inputs made in code: a small valid activity file, and the bad files of the issue."""

from __future__ import annotations

from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "iati"


def activity_file(identifier: str = "XM-DAC-7-TEST-1", title: str = "Test programme against drug trafficking",
                  funder: str = "Netherlands", extra: str = "") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2026-12-01T00:00:00Z">
  <iati-activity xml:lang="en" default-currency="EUR">
    <iati-identifier>{identifier}</iati-identifier>
    <reporting-org ref="XM-DAC-7" type="10"><narrative>{funder}</narrative></reporting-org>
    <title><narrative>{title}</narrative><narrative xml:lang="fr">Programme de test</narrative></title>
    <description><narrative>A test activity.</narrative></description>
    <participating-org ref="XM-DAC-7" role="1" type="10"><narrative>{funder}</narrative></participating-org>
    <participating-org role="4" type="40"><narrative>UNODC</narrative></participating-org>
    <activity-status code="2"/>
    <activity-date iso-date="2024-01-01" type="2"/>
    <recipient-country code="ML" percentage="100"/>
    <sector vocabulary="1" code="16063" percentage="100"/>
    <transaction>
      <transaction-type code="3"/>
      <transaction-date iso-date="2024-03-01"/>
      <value currency="EUR" value-date="2024-03-01">250000</value>
    </transaction>{extra}
  </iati-activity>
</iati-activities>
""".encode()


NOT_IATI = b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>news</title></channel></rss>\n'
ORGANISATION_FILE = b'<?xml version="1.0"?>\n<iati-organisations version="2.03"></iati-organisations>\n'
MALFORMED = activity_file()[:-40]  # cut inside the activity
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE iati-activities [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&lol9;</iati-identifier></iati-activity>
</iati-activities>
"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE iati-activities [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&xxe;</iati-identifier></iati-activity>
</iati-activities>
"""
SCHEMA_INVALID = b"""<?xml version="1.0"?>
<iati-activities version="2.03"><iati-activity><iati-identifier>X-1</iati-identifier></iati-activity></iati-activities>
"""


def big_file(size: int) -> bytes:
    """A well-formed activity file of about ``size`` bytes (one long description)."""
    filler = "x" * max(0, size - 2000)
    return activity_file(extra=f"\n    <!-- {filler} -->")
