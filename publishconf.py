"""Production settings (`make publish`): the address is SITEURL, else `url` in content/site.yaml;
without either, publishing is refused."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from skaidra.publish_defaults import *
