"""Settings of the sample site in content/, for local builds (`make html`).

Every setting and its default comes from the generator (skaidra/defaults.py);
the sample's own name, languages, publisher and podcast are in content/site.yaml.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from skaidra.defaults import *
