import sys

from stockdesk.cli import main

sys.exit(main())
