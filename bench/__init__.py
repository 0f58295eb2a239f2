"""The benchmark behind `make bench`: Skaidra against bare Pelican and Hugo."""
