"""Rebuild resources/icd10cm/codes.tsv.gz from the CMS ICD-10-CM tabular list.

The code list is the US government's public-domain ICD-10-CM (April 1 2026 release),
read through the simple-icd-10-cm package (MIT), which ships the CMS XML. We keep only
what validation and lookup need -- code and description -- so the app starts fast and
does not need that package at run time.

    pip install simple-icd-10-cm==1.5.0 && python tools/build_icd10_codes.py
"""

from __future__ import annotations

import gzip
import sys
import warnings
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "resources" / "icd10cm" / "codes.tsv.gz"


def main() -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import simple_icd_10_cm as icd  # type: ignore[import-untyped]

    rows = []
    for code in icd.get_all_codes(with_dots=True):
        if icd.is_chapter_or_block(code):
            continue
        description = " ".join(icd.get_description(code).split())
        rows.append(f"{code}\t{int(icd.is_leaf(code))}\t{description}")
    header = "# ICD-10-CM April 1 2026 (CMS, public domain) via simple-icd-10-cm 1.5.0\n"
    header += "# code\tbillable(leaf)\tdescription\n"
    # mtime=0 keeps the file byte-identical between rebuilds.
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write((header + "\n".join(rows) + "\n").encode("utf-8"))
    print(f"{len(rows)} codes -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
