"""form4-extract: SEC ownership reports (Forms 3, 4 and 5) from pages into structured records."""
from .pages import InputError
from .pipeline import extract
from .record import Record

__all__ = ["extract", "Record", "InputError"]
