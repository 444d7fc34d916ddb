"""Names vulture cannot see used, each for a reason (read by the dead-code check in CI).

Enum members and model fields are data read by name (TOML, JSON, the database, Qt);
the others are used by name at run time.
"""

EXIT_AUTH  # cli/common.py: the documented exit code for a wrong password (exit_code = 3)
PATCH, SPRAY, OTHER, EXTENDED, DELAYED  # formulary forms and releases, read from TOML
TRANSDERMAL, INTRAMUSCULAR  # regimens routes, chosen in the form
MILD, SEVERE  # allergy severities, chosen in the form and read from the database
HOLD, EXTEND, STEP_BACK, REPLAN  # taper event kinds, stored by value
half_life, half_life_hours, last_verified, billable  # formulary and ICD-10 data fields
country, relationship, emergency_contact, pharmacy, indication, logo_png  # record fields
licence_source, scoring, bands_source  # the scale registry's documented provenance
prescription_id  # RxEvent field, from the database
PAPER_WORDS, RX_LAYOUT_WORDS  # preferences: the words Settings offers (translated by Qt)
Schedule  # regimens: the name scripts used before DoseSchedule
_charts  # practice/facade.py: reached by name through delegate("_charts", ...)
ChartTab  # ui/chart/tab.py: the declared tab interface, for readers and type checkers
_backup_dialog  # ui/main_window.py: holds the running backup's dialog alive
pytestmark  # pytest reads it by name
hAlign  # ReportLab reads a flowable's alignment by name (documents/cards.py)
