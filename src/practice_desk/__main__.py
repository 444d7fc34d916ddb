import sys

from practice_desk.cli import main

sys.exit(main())
