"""What a bundled Practice Desk runs: the same ``practice-desk`` command as from source."""

import sys

from practice_desk.cli import main

if __name__ == "__main__":
    sys.exit(main())
