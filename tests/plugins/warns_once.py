"""A test-only plugin that logs the same warning through Pelican's logging in every build."""

import logging

from pelican import signals

logger = logging.getLogger(__name__)


def warn(_pelican) -> None:
    logger.warning("the same problem in every build")


def register() -> None:
    signals.finalized.connect(warn)
