"""PDF/A-2u for every generated PDF: XMP metadata, an sRGB output intent, matching document info.

ReportLab's open-source edition writes what PDF/A needs of the content — every font embedded
(TrueType subsets with a Unicode map, so each glyph maps to Unicode: conformance level *U*), no
encryption, no transparency, no external references — but not the catalogue entries that
declare it. ``make_pdfa`` adds them to a canvas's document just before it is saved:

* an XMP metadata stream (uncompressed, as ISO 19005-2 §6.6.2.1 asks) with the PDF/A
  identification ``pdfaid:part=2``, ``pdfaid:conformance=U``, and Dublin Core title, creator,
  description and dates equal to the document information dictionary's (§6.6.3);
* an output intent ``GTS_PDFA1`` with the bundled sRGB ICC profile (``resources/color/sRGB.icc``),
  since the documents use device RGB colours (§6.2.4.3).

PDF/A-2u is the highest level this writer can reach: level A needs a tagged structure tree,
which ReportLab's open-source edition does not write; PDF/A-3 only adds arbitrary embedded files,
which an archive does not want. Dates are the document's own instant (``DocumentMeta.generated_at``),
so the same board gives the same metadata. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFStream,
    PDFString,
)
from reportlab.pdfbase.pdfdoc import format as pdf_format

from situation_board.domain.timeutil import local
from situation_board.resources import resource

SRGB = "sRGB IEC61966-2.1"
LANG_TAGS = {"sv": "sv-SE", "en": "en-GB"}


@dataclass(frozen=True, slots=True)
class PdfInfo:
    """What the document information dictionary and the XMP both say."""

    title: str
    author: str
    subject: str
    keywords: str
    creator: str
    producer: str
    created: datetime  # aware instant
    language: str  # "sv" / "en"


def pdf_date(when: datetime) -> str:
    """``D:20240129160000+01'00'``: the instant in Stockholm time, as a PDF date string."""
    t = local(when)
    offset = t.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "+" if minutes >= 0 else "-"
    return f"D:{t:%Y%m%d%H%M%S}{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"


def xmp_date(when: datetime) -> str:
    """The same instant as ``pdf_date`` in XMP's ISO 8601 form."""
    return local(when).isoformat(timespec="seconds")


def xmp_packet(info: PdfInfo) -> bytes:
    """The XMP packet (UTF-8) identifying PDF/A-2u, mirroring the information dictionary."""
    lang = LANG_TAGS.get(info.language, "x-default")
    e = escape
    xml = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>U</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(info.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{e(info.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(info.subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>{e(info.keywords)}</pdf:Keywords>
   <pdf:Producer>{e(info.producer)}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmp:CreatorTool>{e(info.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>{xmp_date(info.created)}</xmp:CreateDate>
   <xmp:ModifyDate>{xmp_date(info.created)}</xmp:ModifyDate>
   <xmp:MetadataDate>{xmp_date(info.created)}</xmp:MetadataDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return xml.encode("utf-8")


class _PlainStream(PDFStream):  # type: ignore[misc]
    """A stream written as is: no filter at all (PDF/A forbids one on the metadata stream)."""

    def format(self, document: Any) -> bytes:
        dictionary = PDFDictionary(self.dictionary.dict.copy())
        content = bytes(document.encrypt.encode(self.content))
        dictionary["Length"] = len(content)
        head: bytes = pdf_format(dictionary, document)
        return head + b"\nstream\n" + content + b"\nendstream\n"


def make_pdfa(doc: Any, info: PdfInfo) -> None:
    """Turn the ReportLab ``PDFDocument`` ``doc`` (``canvas._doc``) into PDF/A-2u: information
    dictionary, XMP metadata and the sRGB output intent. Call it once, before ``save``.

    Raises ``OSError`` when the bundled ICC profile is missing.
    """
    doc.info.title = info.title
    doc.info.author = info.author
    doc.info.subject = info.subject
    doc.info.keywords = info.keywords
    doc.info.creator = info.creator
    doc.info.producer = info.producer
    stamp = pdf_date(info.created)
    doc.info._dateFormatter = lambda *_: stamp

    metadata = _PlainStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
        xmp_packet(info),
    )
    profile = PDFStream(PDFDictionary({"N": 3}), resource("color", "sRGB.icc").read_bytes())
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString(SRGB),
            "Info": PDFString(SRGB),
            "RegistryName": PDFString("http://www.color.org"),
            "DestOutputProfile": doc.Reference(profile),
        }
    )
    catalog = doc.Catalog
    catalog.Metadata = metadata
    catalog.OutputIntents = PDFArray([intent])
    catalog.Lang = PDFString(LANG_TAGS.get(info.language, "sv-SE"))
    # ReportLab writes only the catalogue keys it knows; these are read per instance.
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "OutputIntents"]
