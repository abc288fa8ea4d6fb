"""``python -m extractor``: the same as the ``form4-extract`` command."""
from .cli import main

raise SystemExit(main())
