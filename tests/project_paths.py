"""Where the tests find the repository and the sample projects, from any test folder."""

from pathlib import Path

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
