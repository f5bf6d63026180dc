"""METS documents for an E-ARK Common Specification (CSIP 2.1) information package; no Qt here.

The closure archive (``reports/archive.py``) is laid out as CSIP asks — the structure the Swedish
national archives' FGS package specification builds on::

    METS.xml                     the package: identity, agents, metadata, files, structure
    metadata/descriptive/…       Dublin Core: event, exercise or not, period, station
    metadata/preservation/…      provenance (program, station, when; later: the journal chains)
    representations/<name>/METS.xml, data/…, metadata/
    schemas/                     the XML schemas the METS files use
    documentation/README.txt     what the package is and how to check it
    SHA256SUMS                   sha256sum's manifest of every other file

``package_mets`` and ``representation_mets`` take ``PackageFile`` records (path, size, SHA-256,
MIME type) and return the XML as bytes. Every file carries its SHA-256 and size, so an archive can
check the package from the METS alone, and ``sha256sum -c SHA256SUMS`` checks it without METS.
Times are ISO 8601 with the Stockholm offset. Ids are ``ID-`` plus the file's path made safe for
``xml:id``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from situation_board.domain.timeutil import iso

METS_NS = "http://www.loc.gov/METS/"
XLINK_NS = "http://www.w3.org/1999/xlink"
CSIP_NS = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
# The package is a SIP: OAIS's name for what a producer hands to an archive, and the closure
# archive goes to the registry and, in time, to the archive. CSIP's OAISPACKAGETYPE vocabulary has
# no truer value (SIP, AIP, DIP, AIU, AIC), and E-ARK SIP 2.1 ties that type to this profile (SIP2,
# SIP4). Agents: CSIP 2.1 asks for one ROLE="CREATOR" agent, the software, whose one note is its
# version (csip:NOTETYPE="SOFTWARE VERSION", CSIP10-16). SIP 2.1's IDENTIFICATIONCODE note (SIP14)
# belongs to the archival creator agent (ROLE="ARCHIVIST", an organisation with an id) — never to
# the software agent — and the board does not know the region's organisation number, so no such
# agent is claimed. eark-validator 1.1.3 misplaces SIP14 on every CREATOR agent and reads an
# unqualified @NOTETYPE that mets.xsd forbids, so it reports SIP14 on any schema-valid SIP; the
# tests read that one rule as the specification states it (tests/integration/test_archive_records).
PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
CONTENT_TYPE = "situation-board closure record"
SCHEMA_LOCATION = (
    f"{METS_NS} schemas/mets.xsd {XLINK_NS} schemas/xlink.xsd "
    f"{CSIP_NS} schemas/DILCISExtensionMETS.xsd"
)

for _prefix, _uri in (("mets", METS_NS), ("xlink", XLINK_NS), ("csip", CSIP_NS), ("xsi", XSI_NS)):
    ET.register_namespace(_prefix, _uri)


def _m(tag: str) -> str:
    return f"{{{METS_NS}}}{tag}"


def _x(attr: str) -> str:
    return f"{{{XLINK_NS}}}{attr}"


def _c(attr: str) -> str:
    return f"{{{CSIP_NS}}}{attr}"


@dataclass(frozen=True, slots=True)
class PackageFile:
    """One file of the package: ``path`` relative to the METS that lists it ("/"-separated)."""

    path: str
    size: int  # bytes
    sha256: str  # hex
    mime: str
    created: datetime  # aware instant


@dataclass(frozen=True, slots=True)
class PackageInfo:
    """Who made the package, of what, when."""

    objid: str  # the package's id: the name of its root folder
    label: str  # the event's name
    created: datetime  # aware instant
    software: str
    version: str
    content_type: str = CONTENT_TYPE
    notes: tuple[str, ...] = field(default_factory=tuple)


def xml_id(path: str) -> str:
    """A valid, unique ``xml:id`` for a path: ``ID-representations-pdfa-METS.xml``."""
    return "ID-" + re.sub(r"[^A-Za-z0-9._-]", "-", path)


def _root(info: PackageInfo, objid: str, *, package: bool) -> ET.Element:
    attrs = {
        "OBJID": objid,
        "LABEL": info.label,
        "TYPE": "Mixed",
        "PROFILE": PROFILE,
        _c("CONTENTINFORMATIONTYPE"): "OTHER",
        _c("OTHERCONTENTINFORMATIONTYPE"): info.content_type,
        f"{{{XSI_NS}}}schemaLocation": SCHEMA_LOCATION.replace(
            "schemas/", "schemas/" if package else "../../schemas/"
        ),
    }
    root = ET.Element(_m("mets"), attrs)
    created = iso(info.created) or ""
    header = ET.SubElement(
        root,
        _m("metsHdr"),
        {
            "CREATEDATE": created,
            "LASTMODDATE": created,
            "RECORDSTATUS": "NEW",
            _c("OAISPACKAGETYPE"): "SIP",
        },
    )
    agent = ET.SubElement(
        header, _m("agent"), {"ROLE": "CREATOR", "TYPE": "OTHER", "OTHERTYPE": "SOFTWARE"}
    )
    ET.SubElement(agent, _m("name")).text = info.software
    ET.SubElement(agent, _m("note"), {_c("NOTETYPE"): "SOFTWARE VERSION"}).text = info.version
    return root


def _file(parent: ET.Element, f: PackageFile, tag: str = "file") -> ET.Element:
    attrs = {
        "ID": xml_id(f.path),
        "MIMETYPE": f.mime,
        "SIZE": str(f.size),
        "CREATED": iso(f.created) or "",
        "CHECKSUM": f.sha256,
        "CHECKSUMTYPE": "SHA-256",
    }
    if tag == "mdRef":
        attrs |= {"LOCTYPE": "URL", _x("type"): "simple", _x("href"): f.path}
        return ET.SubElement(parent, _m(tag), attrs)
    element = ET.SubElement(parent, _m(tag), attrs)
    ET.SubElement(
        element, _m("FLocat"), {"LOCTYPE": "URL", _x("type"): "simple", _x("href"): f.path}
    )
    return element


def _group(
    parent: ET.Element, use: str, files: Sequence[PackageFile], info: PackageInfo
) -> ET.Element:
    group = ET.SubElement(
        parent,
        _m("fileGrp"),
        {
            "ID": xml_id(f"grp-{use}"),
            "USE": use,
            _c("CONTENTINFORMATIONTYPE"): "OTHER",
            _c("OTHERCONTENTINFORMATIONTYPE"): info.content_type,
        },
    )
    for f in files:
        _file(group, f)
    return group


def _xml(root: ET.Element) -> bytes:
    ET.indent(root, space=" ")
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def package_mets(
    info: PackageInfo,
    *,
    descriptive: Sequence[tuple[PackageFile, str]],
    provenance: Sequence[PackageFile],
    documentation: Sequence[PackageFile],
    schemas: Sequence[PackageFile],
    representations: Sequence[tuple[str, PackageFile]],
) -> bytes:
    """The package's root ``METS.xml``.

    ``descriptive``: (file, METS MDTYPE such as ``DC``); ``provenance``: files of
    ``metadata/preservation``; ``representations``: (name, that representation's METS file).
    """
    root = _root(info, info.objid, package=True)
    dmd_ids = []
    for f, mdtype in descriptive:
        dmd_id = xml_id(f"dmd-{f.path}")
        dmd_ids.append(dmd_id)
        section = ET.SubElement(
            root, _m("dmdSec"), {"ID": dmd_id, "CREATED": iso(f.created) or "", "STATUS": "CURRENT"}
        )
        ref = _file(section, f, "mdRef")
        ref.set("MDTYPE", mdtype)
        if mdtype == "OTHER":
            ref.set("OTHERMDTYPE", "JSON")
    amd_ids = []
    if provenance:
        amd = ET.SubElement(root, _m("amdSec"))
        for f in provenance:
            amd_id = xml_id(f"amd-{f.path}")
            amd_ids.append(amd_id)
            section = ET.SubElement(amd, _m("digiprovMD"), {"ID": amd_id, "STATUS": "CURRENT"})
            ref = _file(section, f, "mdRef")
            ref.set("MDTYPE", "OTHER")
            ref.set("OTHERMDTYPE", "situation-board provenance")

    files = ET.SubElement(root, _m("fileSec"), {"ID": "ID-fileSec"})
    doc_group = _group(files, "Documentation", documentation, info)
    schema_group = _group(files, "Schemas", schemas, info)
    rep_groups = [
        (name, _group(files, f"Representations/{name}", [mets], info), mets)
        for name, mets in representations
    ]

    struct = ET.SubElement(
        root, _m("structMap"), {"ID": "ID-structMap", "TYPE": "PHYSICAL", "LABEL": "CSIP"}
    )
    top = ET.SubElement(struct, _m("div"), {"ID": "ID-div-root", "LABEL": info.objid})
    meta = {"ID": "ID-div-metadata", "LABEL": "Metadata"}
    if dmd_ids:
        meta["DMDID"] = " ".join(dmd_ids)
    if amd_ids:
        meta["ADMID"] = " ".join(amd_ids)
    ET.SubElement(top, _m("div"), meta)
    for label, group in (("Documentation", doc_group), ("Schemas", schema_group)):
        div = ET.SubElement(top, _m("div"), {"ID": xml_id(f"div-{label}"), "LABEL": label})
        ET.SubElement(div, _m("fptr"), {"FILEID": group.attrib["ID"]})
    reps = ET.SubElement(
        top, _m("div"), {"ID": "ID-div-Representations", "LABEL": "Representations"}
    )
    for _name, group, _ in rep_groups:
        ET.SubElement(reps, _m("fptr"), {"FILEID": group.attrib["ID"]})
    for name, group, mets in rep_groups:
        div = ET.SubElement(
            reps, _m("div"), {"ID": xml_id(f"div-rep-{name}"), "LABEL": f"Representations/{name}"}
        )
        ET.SubElement(
            div,
            _m("mptr"),
            {
                _x("title"): group.attrib["ID"],
                _x("href"): mets.path,
                _x("type"): "simple",
                "LOCTYPE": "URL",
            },
        )
    return _xml(root)


def representation_mets(info: PackageInfo, name: str, data: Sequence[PackageFile]) -> bytes:
    """A representation's ``METS.xml``; ``data`` paths are relative to the representation."""
    root = _root(info, f"{info.objid}/representations/{name}", package=False)
    files = ET.SubElement(root, _m("fileSec"), {"ID": "ID-fileSec"})
    group = _group(files, "Data", data, info)
    struct = ET.SubElement(
        root, _m("structMap"), {"ID": "ID-structMap", "TYPE": "PHYSICAL", "LABEL": "CSIP"}
    )
    top = ET.SubElement(struct, _m("div"), {"ID": "ID-div-root", "LABEL": name})
    data_div = ET.SubElement(top, _m("div"), {"ID": "ID-div-data", "LABEL": "Data"})
    ET.SubElement(data_div, _m("fptr"), {"FILEID": group.attrib["ID"]})
    return _xml(root)
