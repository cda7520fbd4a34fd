import os

import pytest


def pytest_addoption(parser):
    parser.addoption("--caravan", default=os.environ.get("CARAVAN_BIN", "caravan"),
                     help="the caravan command line, for comparisons")


@pytest.fixture(scope="session")
def caravan_bin(request):
    return request.config.getoption("--caravan")
