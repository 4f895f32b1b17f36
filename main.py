"""Start gdviz: ``python main.py --help`` lists the options."""

import sys

from gdviz.app import main

if __name__ == "__main__":
    sys.exit(main())
